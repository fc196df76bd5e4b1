package dev.mountflow.enginev1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.error.InputException;
import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.RawString;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * v1's validate refuses what inheritance cannot build, every reason of {@link V1Refusal} with its
 * whole message, and accepts what it can; images of fresh filesystems only, so no kernel is asked.
 */
class V1ValidateTests {
    private static final int ROOT_PARENT = 99;

    @Test
    void peersEachHoldingAMountTheOtherLacksAreRefusedWithTheCycleOfConstraints() {
        MountImage image = image(ns(1,
                mount(1, ROOT_PARENT, 1, "/", "/"),
                mount(2, 1, 2, "/", "/s").shared(10),
                mount(3, 2, 3, "/", "/s/x").shared(11),
                mount(4, 1, 2, "/", "/q").shared(10),
                mount(5, 4, 4, "/", "/q/y").shared(12)));

        assertThatThrownBy(() -> validate(image)).isInstanceOf(InputException.class).hasMessage("""
                v1 cannot build this image by inheriting sharing (use --mount-engine v2, which sets peer groups \
                and masters directly):
                  namespace 1, mount 3 '/s/x': no creation order keeps propagation from adding copies the image \
                does not show: mount 3 '/s/x' would be copied onto mount 4 '/q', a peer of its parent that shows no \
                copy of it, unless that peer comes later; mount 4 '/q' holds mount 5 '/q/y'; mount 5 '/q/y' would be \
                copied onto mount 2 '/s', a peer of its parent that shows no copy of it, unless that peer comes later; \
                mount 2 '/s' holds mount 3 '/s/x'""");
    }

    @Test
    void aPropagatedCopyThatTheImageHasInAnotherPeerGroupIsRefused() {
        MountImage image = image(ns(1,
                mount(1, ROOT_PARENT, 1, "/", "/"),
                mount(2, 1, 2, "/", "/p").shared(10),
                mount(3, 1, 2, "/", "/q").shared(10),
                mount(4, 2, 3, "/", "/p/c").shared(20),
                mount(5, 3, 3, "/", "/q/c").shared(21),
                mount(6, 1, 3, "/", "/z").shared(20),
                mount(7, 1, 3, "/", "/w").shared(21)));

        assertThatThrownBy(() -> validate(image)).isInstanceOf(InputException.class).hasMessage("""
                v1 cannot build this image by inheriting sharing (use --mount-engine v2, which sets peer groups \
                and masters directly):
                  namespace 1, mount 4 '/p/c': it is created by propagation as a copy of mount 5 '/q/c', in that \
                mount's peer group, but the image has it in peer group 20""");
    }

    @Test
    void anUnbindableMountHiddenByAnOvermountIsRefused() {
        MountImage image = image(ns(1,
                mount(1, ROOT_PARENT, 1, "/", "/"),
                mount(2, 1, 2, "/", "/x/u").unbindable(),
                mount(3, 1, 3, "/", "/x")));

        assertThatThrownBy(() -> validate(image)).isInstanceOf(InputException.class).hasMessage("""
                v1 cannot build this image by inheriting sharing (use --mount-engine v2, which sets peer groups \
                and masters directly):
                  namespace 1, mount 2 '/x/u': it is unbindable and hidden by mount 3 '/x': namespace copies drop \
                unbindable marks, so v1 marks it after the split, where no path reaches it""");
    }

    @Test
    void anUnbindableMountUnderAStackWithASharedMountIsRefused() {
        MountImage image = image(ns(1,
                mount(1, ROOT_PARENT, 1, "/", "/"),
                mount(2, 1, 2, "/", "/s").unbindable(),
                mount(3, 2, 3, "/", "/s").shared(10),
                mount(4, 3, 4, "/", "/s"),
                mount(5, 1, 3, "/", "/p").shared(10)));

        assertThatThrownBy(() -> validate(image)).isInstanceOf(InputException.class).hasMessage("""
                v1 cannot build this image by inheriting sharing (use --mount-engine v2, which sets peer groups \
                and masters directly):
                  namespace 1, mount 2 '/s': it is unbindable and hidden by mount 4 '/s', which cannot be moved off \
                the shared mount 3 '/s': namespace copies drop unbindable marks, so v1 marks it after the split, where \
                no path reaches it""");
    }

    @Test
    void anUnbindableMountUnderAStackWithAMountSharedAloneIsRefused() {
        MountImage image = image(ns(1,
                mount(1, ROOT_PARENT, 1, "/", "/"),
                mount(2, 1, 2, "/", "/b").unbindable(),
                mount(3, 2, 3, "/", "/b").shared(10),
                mount(4, 3, 4, "/", "/b").shared(11)));

        assertThatThrownBy(() -> validate(image)).isInstanceOf(InputException.class).hasMessage("""
                v1 cannot build this image by inheriting sharing (use --mount-engine v2, which sets peer groups \
                and masters directly):
                  namespace 1, mount 2 '/b': it is unbindable and hidden by mount 4 '/b', which cannot be moved off \
                the shared mount 3 '/b': namespace copies drop unbindable marks, so v1 marks it after the split, where \
                no path reaches it""");
    }

    @Test
    void aMountStackedOnAPeerOfASharedNamespaceRootIsRefused() {
        MountImage image = image(
                ns(1, mount(1, ROOT_PARENT, 1, "/", "/").shared(10)),
                ns(2, mount(10, ROOT_PARENT, 1, "/", "/").shared(10),
                        mount(11, 10, 2, "/", "/")));

        assertThatThrownBy(() -> validate(image)).isInstanceOf(InputException.class).hasMessage("""
                v1 cannot build this image by inheriting sharing (use --mount-engine v2, which sets peer groups \
                and masters directly):
                  namespace 2, mount 11 '/': it is stacked on mount 10 '/', which receives propagation from mount 1 \
                '/', the shared top of the root of namespace 1: v1 pivots into such a root through a private mount \
                stacked on its top for a moment, and that mount's propagated copy would stay beneath this one""");
    }

    @Test
    void aMountStackedOnAPeerOfTheSharedTopOfANamespaceRootIsRefused() {
        MountImage image = image(
                ns(1, mount(1, ROOT_PARENT, 1, "/", "/"),
                        mount(2, 1, 2, "/", "/").shared(10)),
                ns(2, mount(10, ROOT_PARENT, 1, "/", "/"),
                        mount(11, 10, 2, "/", "/p").shared(10),
                        mount(12, 11, 3, "/", "/p")));

        assertThatThrownBy(() -> validate(image)).isInstanceOf(InputException.class).hasMessage("""
                v1 cannot build this image by inheriting sharing (use --mount-engine v2, which sets peer groups \
                and masters directly):
                  namespace 2, mount 12 '/p': it is stacked on mount 11 '/p', which receives propagation from mount \
                2 '/', the shared top of the root of namespace 1: v1 pivots into such a root through a private mount \
                stacked on its top for a moment, and that mount's propagated copy would stay beneath this one""");
    }

    @Test
    void aSharedMountStackedOnANamespaceRootWhosePeersHaveNothingOnThePlaceIsAccepted() {
        MountImage image = image(ns(1,
                mount(1, ROOT_PARENT, 1, "/", "/").shared(10),
                mount(2, 1, 2, "/", "/sys").shared(11),
                mount(3, 1, 3, "/", "/a").shared(12),
                mount(4, 1, 2, "/", "/").shared(11)));

        validate(image);
    }

    @Test
    void everyRefusedMountIsListedAtOnce() {
        MountImage image = image(ns(1,
                mount(1, ROOT_PARENT, 1, "/", "/"),
                mount(2, 1, 2, "/", "/x/u").unbindable(),
                mount(3, 1, 3, "/", "/x"),
                mount(4, 1, 4, "/", "/y/v").unbindable(),
                mount(5, 1, 5, "/", "/y")));

        assertThatThrownBy(() -> validate(image)).isInstanceOf(InputException.class).hasMessage("""
                v1 cannot build this image by inheriting sharing (use --mount-engine v2, which sets peer groups \
                and masters directly):
                  namespace 1, mount 4 '/y/v': it is unbindable and hidden by mount 5 '/y': namespace copies drop \
                unbindable marks, so v1 marks it after the split, where no path reaches it
                  namespace 1, mount 2 '/x/u': it is unbindable and hidden by mount 3 '/x': namespace copies drop \
                unbindable marks, so v1 marks it after the split, where no path reaches it""");
    }

    @Test
    void whatV2CannotRestoreEitherIsAnInputProblemNotARefusalOfV1() {
        MountImage image = image(ns(1,
                mount(1, ROOT_PARENT, 1, "/", "/"),
                new Builder(2, 1, new DeviceId(8, 1), "/", "/data", "ext4")));

        assertThatThrownBy(() -> validate(image)).isInstanceOf(InputException.class).hasMessage("""
                v1 cannot restore this image:
                  namespace 1, mount 2 '/data': fstype 'ext4' (device 8:1) is host-backed and is neither external \
                nor inside the root mount's content""");
    }

    private static void validate(MountImage image) {
        V1Restore restore = new V1Restore();
        new V1Validate(restore).run(new RestoreContext(image, RestoreRequest.empty(), null, null, line -> { }));
        assertThat(restore.plan).isNotNull();
    }

    static MountImage image(MountNamespace... namespaces) {
        return new MountImage(namespaces[0].id(), "test", List.of(namespaces));
    }

    static MountNamespace ns(int id, Builder... mounts) {
        List<Mount> out = new ArrayList<>();
        for (Builder b : mounts) {
            out.add(b.build());
        }
        return new MountNamespace(id, 0, 0, out);
    }

    /** A private tmpfs on device 0:{@code minor}, relatime, until changed. */
    static Builder mount(int id, int parent, int minor, String root, String mountpoint) {
        return new Builder(id, parent, new DeviceId(0, minor), root, mountpoint, "tmpfs");
    }

    static final class Builder {
        private final int id;
        private final int parent;
        private final DeviceId device;
        private final String root;
        private final String mountpoint;
        private final String fstype;
        private int shared;
        private int master;
        private boolean unbindable;

        Builder(int id, int parent, DeviceId device, String root, String mountpoint, String fstype) {
            this.id = id;
            this.parent = parent;
            this.device = device;
            this.root = root;
            this.mountpoint = mountpoint;
            this.fstype = fstype;
        }

        Builder shared(int group) {
            shared = group;
            return this;
        }

        Builder slaveOf(int group) {
            master = group;
            return this;
        }

        Builder unbindable() {
            unbindable = true;
            return this;
        }

        Mount build() {
            return new Mount(id, parent, device, RawString.of(root), RawString.of(mountpoint), fstype,
                    RawString.of(fstype), MountFlags.MS_RELATIME, 0, RawString.EMPTY, shared, master, unbindable,
                    false, null);
        }
    }
}
