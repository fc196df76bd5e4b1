package dev.mountflow.propertytests;

import dev.mountflow.propertytests.Op.Kind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The generator behind {@link MountSources#mountRecipes()}.
 *
 * <p>Every operation draws the same six numbers whatever its kind, so QuickTheories' shrinking,
 * which works on the drawn numbers, stays aligned: lowering a kind's number to 0 turns that
 * operation into {@link Kind#SKIP} without changing what the later operations drew, and lowering
 * the length drops operations from the end. Both keep a recipe valid, because indices are
 * resolved against the state when applied.
 *
 * <p>The weights were tuned so that a thousand recipes reach each feature
 * {@link RecipeFeatures} counts (peer groups of four with different roots, slaves of slaves,
 * propagated mounts, nested namespaces sharing with their parent, …) many times over.
 */
final class MountRecipes {
    /**
     * Two mixes of operations: a general one, and one that builds sharing topologies (few new
     * filesystems, many binds and propagation changes, nested namespaces, longer recipes) so that
     * chains of slaves and wide peer groups come often. Each recipe draws its mix first (four in
     * ten the sharing one).
     */
    enum Mix {
        GENERAL(36, weights(13, 3, 18, 4, 5, 4, 24, 5, 2, 3, 3, 5, 3)),
        SHARING(48, weights(6, 1, 26, 5, 2, 4, 38, 2, 1, 2, 3, 7, 2));

        final int maxOperations;
        final Map<Kind, Integer> weights;

        Mix(int maxOperations, Map<Kind, Integer> weights) {
            this.maxOperations = maxOperations;
            this.weights = weights;
        }
    }

    private MountRecipes() {
    }

    private static Map<Kind, Integer> weights(int tmpfs, int filesystem, int bind, int rbind, int fileBind, int move, int propagation,
                                              int remount, int superblockRemount, int deleteSource, int umount,
                                              int unshare, int pivot) {
        Map<Kind, Integer> w = new EnumMap<>(Kind.class);
        w.put(Kind.SKIP, 1);
        w.put(Kind.TMPFS, tmpfs);
        w.put(Kind.FILESYSTEM, filesystem);
        w.put(Kind.BIND, bind);
        w.put(Kind.RBIND, rbind);
        w.put(Kind.FILE_BIND, fileBind);
        w.put(Kind.MOVE, move);
        w.put(Kind.PROPAGATION, propagation);
        w.put(Kind.REMOUNT, remount);
        w.put(Kind.SUPERBLOCK_REMOUNT, superblockRemount);
        w.put(Kind.DELETE_SOURCE, deleteSource);
        w.put(Kind.UMOUNT, umount);
        w.put(Kind.UNSHARE, unshare);
        w.put(Kind.PIVOT, pivot);
        return w;
    }

    static Gen<Recipe> recipes() {
        Gen<Mix> mixes = Generate.range(0, 9).map(n -> n < 6 ? Mix.GENERAL : Mix.SHARING);
        Map<Mix, Gen<Op>> ops = new EnumMap<>(Mix.class);
        Map<Mix, Gen<Integer>> lengths = new EnumMap<>(Mix.class);
        for (Mix mix : Mix.values()) {
            ops.put(mix, operations(mix.weights));
            lengths.put(mix, Generate.range(0, mix.maxOperations));
        }
        return in -> {
            Mix mix = mixes.generate(in);
            Gen<Op> op = ops.get(mix);
            int n = lengths.get(mix).generate(in);
            List<Op> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(op.generate(in));
            }
            return new Recipe(list);
        };
    }

    /** Operations drawn with {@code weights}: a kind, then always the same five indices. */
    private static Gen<Op> operations(Map<Kind, Integer> weights) {
        List<Kind> byNumber = new ArrayList<>();
        weights.forEach((kind, weight) -> {
            for (int i = 0; i < weight; i++) {
                byNumber.add(kind);
            }
        });
        Gen<Integer> kinds = Generate.range(0, byNumber.size() - 1);
        Gen<Integer> index = Generate.range(0, Op.MAX_INDEX);
        return in -> new Op(byNumber.get(kinds.generate(in)), index.generate(in), index.generate(in),
                index.generate(in), index.generate(in), index.generate(in));
    }
}
