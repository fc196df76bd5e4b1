package dev.mountflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Needs root. Every restore happens in a namespace thread's private namespace and checks its own
 * result against the image (its verify stage reads the namespace's mountinfo); the host is
 * checked by {@link HostMountTableGuard}.
 */
@ExtendWith(HostMountTableGuard.class)
class DirectSyscallRestorerTests {
    private static final DirectSyscallRestorer RESTORER = DirectSyscallRestorer.load();

    @ParameterizedTest
    @EnumSource(Layout.class)
    void restoresEveryLayoutAndVerifiesIt(Layout layout) throws Exception {
        StageTimes times = RESTORER.restore(BenchLayouts.generate(layout, 100));

        assertThat(times.stages()).extracting(StageTimes.Stage::id).containsExactly("validate",
                "pre-create-namespaces", "populate-tree", "assemble", "restore-sharing-groups", "verify");
        assertThat(times.total()).isPositive();
    }

    @Test
    void restoresAFullFamilyOfGroupsInOneMount() throws Exception {
        assertThat(RESTORER.restore(BenchLayouts.generate(Layout.GROUPS, 1)).stages()).hasSize(6);
    }

    /** The refusal comes from the namespace thread after pivot_root, so it also shows that thread can still report. */
    @Test
    void aGroupWithoutAWidestMemberIsRefusedAfterTheTreeWasBuilt() {
        MountImage image = BenchLayouts.generate(Layout.GROUPS, 5);
        List<Mount> mounts = new ArrayList<>(image.namespaces().get(0).mounts());
        // The whole superblock leaves the group; its siblings /a/1, /a/2, /a/3 contain no one another.
        Mount first = mounts.remove(1);
        mounts.add(1, new Mount(first.id(), first.parentId(), first.device(), first.root(), first.mountpoint(),
                first.fstype(), first.source(), first.flags(), first.superFlags(), first.options(), 0, 0,
                false, false, null));
        MountImage odd = new MountImage(image.rootNamespaceId(), image.toolVersion(),
                List.of(image.namespaces().get(0).withMounts(mounts)));

        assertThatThrownBy(() -> RESTORER.restore(odd)).isInstanceOf(UnsupportedOperationException.class).hasMessage(
                "mount 5 '/group/0/2': root '/a/2' is not under '/a/1', the widest root of peer group 1;"
                        + " the self-test restorer needs one member that contains the others");
    }

    @Test
    void anImageTheRestoreCannotMatchFailsVerification() {
        MountImage image = BenchLayouts.generate(Layout.FLAT, 3);
        List<Mount> mounts = new ArrayList<>(image.namespaces().get(0).mounts());
        Mount last = mounts.remove(2);
        // The kernel prints the mode it was given as three octal digits, whatever the spelling.
        mounts.add(new Mount(last.id(), last.parentId(), last.device(), last.root(), last.mountpoint(), last.fstype(),
                RawString.of("bench"), last.flags(), last.superFlags(), RawString.of("size=1024k,mode=0755"),
                0, 0, false, false, null));
        MountNamespace ns = image.namespaces().get(0).withMounts(mounts);
        MountImage odd = new MountImage(image.rootNamespaceId(), image.toolVersion(), List.of(ns));

        assertThatThrownBy(() -> RESTORER.restore(odd)).hasMessage("""
                restored mount table differs from the image (3 mounts expected, 3 found); first difference:
                  expected '/flat/2' on '/' root '/' tmpfs 'bench' rw,relatime sb3 rw,size=1024k,mode=0755
                  found    '/flat/2' on '/' root '/' tmpfs 'bench' rw,relatime sb3 rw,size=1024k,mode=755""");
    }
}
