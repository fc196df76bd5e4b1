package dev.mountflow.restore;

import dev.mountflow.compare.CanonicalImage;
import dev.mountflow.compare.ImageComparator;
import dev.mountflow.model.MountImage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The verifier of every real restore: the canonical comparison of DESIGN.md §6 (trees,
 * superblock partition, peer groups, master edges, flags), differences by path. For one restore
 * ({@link #expecting}) the image's canonical form is computed on a pool thread while the engine
 * builds, which is mostly the kernel's work on the namespace threads: verify then only reads
 * the restored tables back and canonicalizes those.
 */
public final class CanonicalVerifier implements ImageVerifier {
    private final ImageComparator comparator = new ImageComparator();
    private final MountImage expected;
    private final CompletableFuture<CanonicalImage> canonicalExpected;

    public CanonicalVerifier() {
        this(null, null);
    }

    private CanonicalVerifier(MountImage expected, CompletableFuture<CanonicalImage> canonicalExpected) {
        this.expected = expected;
        this.canonicalExpected = canonicalExpected;
    }

    @Override
    public ImageVerifier expecting(MountImage image) {
        return new CanonicalVerifier(image, CompletableFuture.supplyAsync(() -> CanonicalImage.of(image)));
    }

    @Override
    public List<String> differences(MountImage expected, MountImage actual) {
        CanonicalImage want = expected == this.expected ? join(canonicalExpected) : CanonicalImage.of(expected);
        return comparator.compare(want, CanonicalImage.of(actual)).stream().map(Object::toString).toList();
    }

    private static CanonicalImage join(CompletableFuture<CanonicalImage> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
