package dev.mountflow.enginev2;

import static dev.mountflow.spi.AtFlags.AT_FDCWD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.kernel.JnrKernel;
import dev.mountflow.kernel.NamespaceThread;
import dev.mountflow.model.MountFlags;
import dev.mountflow.model.RawString;
import dev.mountflow.spi.FsContextFlags;
import dev.mountflow.spi.Kernel;
import dev.mountflow.spi.MoveMountFlags;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel rules the v2 engine is built on, checked on this kernel in two private namespaces
 * {@code a} and {@code b}; a tmpfs {@code src} holding {@code /x} is attached in {@code a} twice,
 * whole on {@code /mnt/t1} and {@code /x} on {@code /mnt/t2}, as {@link V2Calls} makes them.
 */
class V2KernelFactsTests {
    private static final Kernel K = JnrKernel.load();
    private final V2Calls calls = new V2Calls(K);
    private NamespaceThread a;
    private NamespaceThread b;
    private int whole;
    private int x;

    @BeforeEach
    void twoClonesInNamespaceA() {
        a = NamespaceThread.newPrivate(K);
        b = NamespaceThread.newPrivate(K);
        a.run(() -> {
            int work = fresh("work");
            K.moveMount(work, RawString.EMPTY, AT_FDCWD, RawString.of("/mnt"), MoveMountFlags.MOVE_MOUNT_F_EMPTY_PATH);
            K.mkdirat(work, RawString.of("t1"), 0700);
            K.mkdirat(work, RawString.of("t2"), 0700);
            int src = fresh("src");
            K.mkdirat(src, RawString.of("x"), 0755);
            whole = calls.cloneBeneath(src, RawString.EMPTY);
            x = calls.cloneBeneath(src, RawString.of("x"));
            K.close(src);
            K.moveMount(whole, RawString.EMPTY, work, RawString.of("t1"), MoveMountFlags.MOVE_MOUNT_F_EMPTY_PATH);
            K.moveMount(x, RawString.EMPTY, work, RawString.of("t2"), MoveMountFlags.MOVE_MOUNT_F_EMPTY_PATH);
            K.close(work);
        });
    }

    @AfterEach
    void close() {
        K.close(whole);
        K.close(x);
        a.close();
        b.close();
    }

    @Test
    void aPropagationChangeFromAnotherNamespacesThreadIsRefused() {
        assertThatThrownBy(() -> b.run(() -> calls.propagation(whole, MountFlags.MS_SHARED)))
                .hasMessageEndingWith("EINVAL (Invalid argument)");
        a.run(() -> calls.propagation(whole, MountFlags.MS_SHARED));
        assertThat(table()).contains("/ /mnt/t1 rw,relatime shared:");
    }

    @Test
    void setGroupNeedsTheSourceRootToContainTheTargetRoot() {
        a.run(() -> calls.propagation(x, MountFlags.MS_SHARED));
        assertThatThrownBy(() -> a.run(() -> calls.setGroup(x, whole))).hasMessageEndingWith("EINVAL (Invalid argument)");

        a.run(() -> calls.propagation(x, MountFlags.MS_PRIVATE));
        a.run(() -> calls.propagation(whole, MountFlags.MS_SHARED));
        a.run(() -> calls.setGroup(whole, x));
        assertThat(groups()).hasSize(2).containsOnly(groups().get(0)).allMatch(g -> g.startsWith("shared:"));
    }

    @Test
    void setGroupUnlikeAPropagationChangeWorksFromAnotherNamespacesThread() {
        a.run(() -> calls.propagation(whole, MountFlags.MS_SHARED));
        b.run(() -> calls.setGroup(whole, x));
        assertThat(groups()).hasSize(2).containsOnly(groups().get(0));
    }

    private String table() {
        try {
            return Files.readString(a.mountInfoPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The peer group field of /mnt/t1 and /mnt/t2, in that order. */
    private List<String> groups() {
        List<String> out = new ArrayList<>();
        for (String mp : List.of(" /mnt/t1 ", " /mnt/t2 ")) {
            table().lines().filter(l -> l.contains(mp)).forEach(l -> {
                Matcher m = Pattern.compile("shared:\\d+").matcher(l);
                out.add(m.find() ? m.group() : "private");
            });
        }
        return out;
    }

    private static int fresh(String source) {
        int c = K.fsopen("tmpfs", FsContextFlags.FSOPEN_CLOEXEC);
        try {
            K.fsconfig(c, FsContextFlags.FSCONFIG_SET_STRING, "source", RawString.of(source), 0);
            K.fsconfig(c, FsContextFlags.FSCONFIG_CMD_CREATE, null, null, 0);
            return K.fsmount(c, FsContextFlags.FSMOUNT_CLOEXEC, 0);
        } finally {
            K.close(c);
        }
    }
}
