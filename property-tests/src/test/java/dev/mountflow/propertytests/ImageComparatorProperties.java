package dev.mountflow.propertytests;

import static dev.mountflow.propertytests.MountSources.mountForests;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.compare.CanonicalImage;
import dev.mountflow.compare.Difference;
import dev.mountflow.compare.DifferenceKind;
import dev.mountflow.compare.ImageComparator;
import dev.mountflow.compare.Renumbering;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * The canonical comparator sees partitions, not numbers: any one-to-one renumbering of mount ids,
 * peer group ids and devices leaves an image equal to itself; and it does see a change to one
 * mount, by that mount's path. Their canonical forms are equal, and unequal, accordingly (the
 * comparator returns at once for equal forms).
 */
class ImageComparatorProperties {
    static final int EXAMPLES = 400;
    static final int SHRINKS = 30_000;

    private final ImageComparator comparator = new ImageComparator();

    @Test
    void renumberingMountGroupAndDeviceIdsChangesNothing() {
        PropertyBudget.qt(EXAMPLES, SHRINKS).forAll(mountForests(), Generate.longRange(1, Long.MAX_VALUE))
                .checkAssert((image, seed) -> {
                    MountImage renumbered = Renumbering.random(image, seed);
                    assertThat(comparator.compare(image, renumbered)).as("image against its renumbering").isEmpty();
                    assertThat(comparator.compare(renumbered, image)).as("renumbering against its image").isEmpty();
                    // The comparator's shortcut: equal canonical forms, no walk of the pairs.
                    assertThat(CanonicalImage.of(renumbered)).isEqualTo(CanonicalImage.of(image));
                });
    }

    @Test
    void aChangedMountFlagIsReportedAtThatMountsPath() {
        PropertyBudget.qt(EXAMPLES, SHRINKS).forAll(mountForests(), Generate.range(0, 1000))
                .checkAssert((image, which) -> {
                    List<Mount> all = new ArrayList<>();
                    image.namespaces().forEach(ns -> all.addAll(ns.mounts()));
                    Mount target = all.get(which % all.size());
                    MountImage changed = withNosuidFlipped(image, target);
                    List<Difference> differences = comparator.compare(image, changed);
                    assertThat(CanonicalImage.of(changed)).isNotEqualTo(CanonicalImage.of(image));
                    assertThat(differences).as("differences after flipping nosuid of %s", target.label())
                            .singleElement()
                            .satisfies(d -> assertThat(d.kind()).isEqualTo(DifferenceKind.MOUNT_FLAGS))
                            .satisfies(d -> assertThat(d.toString()).contains("'" + target.mountpoint() + "'"));
                });
    }

    private static MountImage withNosuidFlipped(MountImage image, Mount target) {
        List<MountNamespace> namespaces = new ArrayList<>();
        for (MountNamespace ns : image.namespaces()) {
            namespaces.add(ns.withMounts(ns.mounts().stream().map(m -> m != target ? m
                    : new Mount(m.id(), m.parentId(), m.device(), m.root(), m.mountpoint(), m.fstype(), m.source(),
                            m.flags() ^ MountFlags.MS_NOSUID, m.superFlags(), m.options(), m.sharedId(),
                            m.masterId(), m.unbindable(), m.deleted(), m.externalKey())).toList()));
        }
        return new MountImage(image.rootNamespaceId(), image.toolVersion(), namespaces);
    }
}
