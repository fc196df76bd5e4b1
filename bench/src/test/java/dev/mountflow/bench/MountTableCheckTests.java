package dev.mountflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.model.DeviceId;
import dev.mountflow.model.Mount;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountTableCheckTests {
    private final List<Mount> groups = BenchLayouts.generate(Layout.GROUPS, 10).namespaces().get(0).mounts();

    @Test
    void renamesIdsDevicesAndGroupsAndIgnoresOrder() {
        List<Mount> renumbered = new ArrayList<>();
        for (Mount m : groups) {
            renumbered.add(new Mount(m.id() + 500, m.parentId() + 500, new DeviceId(0, m.device().minor() + 7),
                    m.root(), m.mountpoint(), m.fstype(), m.source(), m.flags(), m.superFlags(), m.options(),
                    m.sharedId() == 0 ? 0 : m.sharedId() + 40, m.masterId() == 0 ? 0 : m.masterId() + 40,
                    m.unbindable(), m.deleted(), null));
        }
        Collections.reverse(renumbered);

        MountTableCheck.requireEqual(groups, renumbered);
        assertThat(MountTableCheck.canonical(groups).get(5))
                .isEqualTo("'/group/0/4' on '/' root '/b' tmpfs 'bench' rw,relatime sb2 rw,size=1024k,mode=755 shared:2 master:1");
    }

    @Test
    void namesTheFirstDifferenceByPath() {
        List<Mount> lost = new ArrayList<>(groups);
        Mount slave = lost.remove(5);
        lost.add(5, new Mount(slave.id(), slave.parentId(), slave.device(), slave.root(), slave.mountpoint(),
                slave.fstype(), slave.source(), slave.flags(), slave.superFlags(), slave.options(), slave.sharedId(), 0,
                false, false, null));

        assertThatThrownBy(() -> MountTableCheck.requireEqual(groups, lost)).hasMessage("""
                restored mount table differs from the image (10 mounts expected, 10 found); first difference:
                  expected '/group/0/4' on '/' root '/b' tmpfs 'bench' rw,relatime sb2 rw,size=1024k,mode=755 shared:2 master:1
                  found    '/group/0/4' on '/' root '/b' tmpfs 'bench' rw,relatime sb2 rw,size=1024k,mode=755 shared:2""");
    }
}
