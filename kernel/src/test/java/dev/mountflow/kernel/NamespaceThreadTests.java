package dev.mountflow.kernel;

import static dev.mountflow.kernel.TestKernel.KERNEL;
import static dev.mountflow.kernel.TestKernel.SCRATCH;
import static dev.mountflow.kernel.TestKernel.hostTable;
import static dev.mountflow.kernel.TestKernel.peerGroupAt;
import static dev.mountflow.kernel.TestKernel.raw;
import static dev.mountflow.kernel.TestKernel.refusing;
import static dev.mountflow.kernel.TestKernel.scratch;
import static dev.mountflow.kernel.TestKernel.scratchNamespace;
import static dev.mountflow.kernel.TestKernel.table;
import static dev.mountflow.kernel.TestKernel.topMountAt;
import static dev.mountflow.spi.AtFlags.AT_FDCWD;
import static dev.mountflow.spi.CloneFlags.CLONE_NEWNS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mountflow.model.RawString;
import dev.mountflow.mountinfo.MountInfoEntry;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.KernelCall;
import dev.mountflow.spi.NativeCall;
import dev.mountflow.spi.NativeCallException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kernel state read back: which mount table each thread sees, through /proc/<tid>/mountinfo. */
class NamespaceThreadTests {

    @Test
    void aTmpfsMountedInTheThreadIsInItsMountTableAndNotInTheHosts() {
        try (NamespaceThread ns = scratchNamespace(KERNEL)) {
            assertThat(topMountAt(table(ns), "/mnt")).hasValueSatisfying(
                    l -> assertThat(l.mountOptions()).isEqualTo("rw,relatime"));
            assertThat(table(ns)).extracting(MountInfoEntry::mountpoint).contains(raw("/mnt"));
            assertThat(hostTable()).noneSatisfy(l -> assertThat(l.mountpoint()).isEqualTo(raw("/mnt")));
            assertThat(Files.readString(Path.of("/proc/1/mountinfo"))).doesNotContain(" - tmpfs scratch ");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyMountOfTheNewNamespaceIsPrivate() {
        try (NamespaceThread ns = NamespaceThread.newPrivate(KERNEL)) {
            List<MountInfoEntry> table = table(ns);
            assertThat(topMountAt(table, "/")).hasValueSatisfying(
                    root -> assertThat(root.optionalFields()).isEmpty());
            assertThat(table).allSatisfy(l -> assertThat(l.optionalFields()).as(l.mountpoint().toString()).isEmpty());
        }
    }

    @Test
    void theThreadIsANamedDaemonPlatformThreadWithItsOwnLinuxId() {
        try (NamespaceThread ns = NamespaceThread.newPrivate(KERNEL)) {
            Thread worker = ns.call(Thread::currentThread);
            assertThat(worker.getName()).matches("mntns-worker-\\d+");
            assertThat(worker.isDaemon()).isTrue();
            assertThat(ns.call(KERNEL::gettid)).isEqualTo(ns.tid()).isNotEqualTo(KERNEL.gettid());
            assertThat(ns.toString()).isEqualTo(worker.getName() + " tid " + ns.tid());
        }
    }

    @Test
    void theNamespaceFileOfTheThreadDiffersFromTheHosts() {
        try (NamespaceThread ns = NamespaceThread.newPrivate(KERNEL)) {
            RawString own = ns.call(() -> KERNEL.readlink(raw("/proc/thread-self/ns/mnt")));
            assertThat(KERNEL.readlink(raw(ns.namespacePath().toString()))).isEqualTo(own);
            assertThat(own.utf8()).matches("mnt:\\[\\d+]").isNotEqualTo(KERNEL.readlink(raw("/proc/self/ns/mnt")).utf8());
        }
    }

    @Test
    void joiningANamespaceSeesTheSameMounts() throws IOException {
        try (NamespaceThread owner = scratchNamespace(KERNEL);
             NamespaceThread guest = NamespaceThread.joining(KERNEL, owner.namespacePath())) {
            owner.run(() -> Files.writeString(Path.of("/mnt/marker"), "from the owner"));

            assertThat(guest.call(() -> Files.readString(Path.of("/mnt/marker")))).isEqualTo("from the owner");
            assertThat(table(guest)).isEqualTo(table(owner));
            guest.run(() -> KERNEL.mount(raw("joined"), SCRATCH, "tmpfs", 0, null));
            assertThat(topMountAt(table(owner), "/mnt").map(MountInfoEntry::mountId))
                    .isEqualTo(topMountAt(table(guest), "/mnt").map(MountInfoEntry::mountId));
        }
    }

    @Test
    void joiningTheProcessOwnNamespaceIsRefused() {
        assertThatThrownBy(() -> NamespaceThread.joining(KERNEL, Path.of("/proc/self/ns/mnt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("refusing to join '/proc/self/ns/mnt': it is this process's own mount namespace,"
                        + " where mounts would be visible to the host");
    }

    @Test
    void joiningAFileThatIsNoMountNamespaceFailsInSetns() {
        assertThatThrownBy(() -> NamespaceThread.joining(KERNEL, Path.of("/proc/self/ns/net")))
                .isInstanceOfSatisfying(NativeCallException.class, e -> {
                    assertThat(e.call()).isEqualTo("setns");
                    assertThat(e.flags()).containsEntry("nstype", "CLONE_NEWNS");
                    assertThat(e.getMessage()).isEqualTo(NativeCall.setns(e.fds().get("fd"), CLONE_NEWNS)
                            + ": EINVAL (Invalid argument)");
                });
    }

    @Test
    void aNestedNamespaceStartsAsACopyOfItsParentAndThenGoesItsOwnWay() {
        try (NamespaceThread parent = scratchNamespace(KERNEL);
             NamespaceThread child = NamespaceThread.nested(parent)) {
            assertThat(scratchDevice(child)).isEqualTo(scratchDevice(parent));
            assertThat(child.namespacePath()).isNotEqualTo(parent.namespacePath());
            assertThat(KERNEL.readlink(raw(child.namespacePath().toString())))
                    .isNotEqualTo(KERNEL.readlink(raw(parent.namespacePath().toString())));

            child.run(() -> {
                KERNEL.mkdirat(AT_FDCWD, scratch("child-only"), 0700);
                KERNEL.mount(raw("child"), scratch("child-only"), "tmpfs", 0, null);
            });
            assertThat(table(child)).extracting(MountInfoEntry::mountpoint).contains(raw("/mnt/child-only"));
            assertThat(table(parent)).extracting(MountInfoEntry::mountpoint).doesNotContain(raw("/mnt/child-only"));
            assertThat(topMountAt(table(child), "/").get().optionalFields()).isEmpty();
        }
    }

    @Test
    void aSharingNestedNamespaceKeepsPeerGroupsAcrossNamespacesAndPropagatesBothWays() {
        try (NamespaceThread parent = scratchNamespace(KERNEL)) {
            parent.run(() -> {
                KERNEL.mkdirat(AT_FDCWD, scratch("vol"), 0700);
                KERNEL.mount(raw("vol"), scratch("vol"), "tmpfs", 0, null);
                KERNEL.mkdirat(AT_FDCWD, scratch("vol/from-child"), 0700);
                KERNEL.mount(null, scratch("vol"), null, dev.mountflow.model.MountFlags.MS_SHARED, null);
            });
            int group = peerGroupAt(table(parent), "/mnt/vol").orElseThrow();
            try (NamespaceThread child = NamespaceThread.nestedSharing(parent)) {
                assertThat(peerGroupAt(table(child), "/mnt/vol")).hasValue(group);
                assertThat(topMountAt(table(child), "/mnt/vol").get().mountId())
                        .isNotEqualTo(topMountAt(table(parent), "/mnt/vol").get().mountId());

                child.run(() -> KERNEL.mount(raw("child"), scratch("vol/from-child"), "tmpfs", 0, null));

                assertThat(table(parent)).extracting(MountInfoEntry::mountpoint).contains(raw("/mnt/vol/from-child"));
            }
        }
    }

    @Test
    void aSharingNestedNamespaceIsRefusedUnderAJoinedNamespace() {
        try (NamespaceThread owner = NamespaceThread.newPrivate(KERNEL);
             NamespaceThread joined = NamespaceThread.joining(KERNEL, owner.namespacePath())) {
            assertThatThrownBy(() -> NamespaceThread.nestedSharing(joined))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("refusing to nest a sharing namespace in " + joined
                            + ": it joined a namespace mountflow did not isolate, whose peers may be the host's");
        }
    }

    @Test
    void aProcessStartedFromATaskLivesInTheNamespace() throws Exception {
        // The JDK starts its process reaper thread lazily from the first caller; started from a
        // task it would be born in the namespace and keep it alive after close.
        new ProcessBuilder("true").start().waitFor();
        try (NamespaceThread ns = scratchNamespace(KERNEL)) {
            String childTable = ns.call(() -> {
                Process cat = new ProcessBuilder("cat", "/proc/self/mountinfo").redirectErrorStream(true).start();
                String out = new String(cat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                cat.waitFor();
                return out;
            });
            assertThat(childTable).contains(" /mnt rw,relatime - tmpfs scratch ");
        }
    }

    @Test
    void anInterruptedCallerStillGetsTheResultAndKeepsItsInterrupt() throws InterruptedException {
        try (NamespaceThread ns = NamespaceThread.newPrivate(KERNEL)) {
            Thread.currentThread().interrupt();
            assertThat(ns.call(() -> {
                Thread.sleep(20);
                return "done";
            })).isEqualTo("done");
            assertThat(Thread.interrupted()).isTrue();
        }
    }

    @Test
    void callRethrowsTheTasksExceptionUnchanged() {
        IOException checked = new IOException("checked");
        IllegalStateException unchecked = new IllegalStateException("unchecked");
        try (NamespaceThread ns = NamespaceThread.newPrivate(KERNEL)) {
            assertThatThrownBy(() -> ns.call(() -> {
                throw checked;
            })).isSameAs(checked);
            assertThatThrownBy(() -> ns.run(() -> {
                throw unchecked;
            })).isSameAs(unchecked);
            assertThatThrownBy(() -> ns.run(() -> KERNEL.umount2(scratch("nothing"), 0)))
                    .isInstanceOf(NativeCallException.class)
                    .hasMessage("umount2 target='/mnt/nothing' flags=0: ENOENT (No such file or directory)");
            assertThat(ns.call(() -> "still serving")).isEqualTo("still serving");
        }
    }

    @Test
    void aTaskMayCallItsOwnThreadWithoutDeadlock() {
        try (NamespaceThread ns = NamespaceThread.newPrivate(KERNEL)) {
            assertThat(ns.call(() -> ns.call(KERNEL::gettid))).isEqualTo(ns.tid());
        }
    }

    @Test
    void closingEndsTheThreadAndItsNamespace() {
        NamespaceThread ns = scratchNamespace(KERNEL);
        Path proc = Path.of("/proc/self/task", Integer.toString(ns.tid()));
        assertThat(proc).exists();

        ns.close();
        ns.close();

        assertThat(proc).doesNotExist();
        assertThatThrownBy(() -> ns.call(() -> 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageMatching("mntns-worker-\\d+ is closed");
    }

    @Test
    void aFailedStartSurfacesTheNativeErrorAndLeavesNoThread() {
        ForwardingKernel noUnshare = refusing(call -> call.kind() == KernelCall.UNSHARE, Errno.EPERM);
        assertThatThrownBy(() -> NamespaceThread.newPrivate(noUnshare))
                .isInstanceOf(NativeCallException.class)
                .hasMessage("unshare flags=CLONE_FS|CLONE_NEWNS: EPERM (Operation not permitted)");
        // HostStateGuard checks that no mntns-worker thread is left.
    }

    /** The device of what {@code ns} has on the scratch directory, as mountinfo's field 3 shows it. */
    private static String scratchDevice(NamespaceThread ns) {
        return ns.call(() -> {
            var st = KERNEL.statx(AT_FDCWD, SCRATCH, 0);
            return st.devMajor() + ":" + st.devMinor();
        });
    }

    @Test
    void aStartedTaskRunsOnTheThreadBesideTheCallerAndJoinReturnsItsResult() throws Exception {
        try (NamespaceThread ns = NamespaceThread.newPrivate(KERNEL)) {
            java.util.concurrent.CountDownLatch callerWent = new java.util.concurrent.CountDownLatch(1);
            var pending = ns.start(() -> {
                // Only returns once the caller ran on past start(): the two ran side by side.
                try {
                    if (!callerWent.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the caller waited for the task");
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return KERNEL.gettid();
            });
            callerWent.countDown();
            assertThat(pending.join()).isEqualTo(ns.tid()).isNotEqualTo(KERNEL.gettid());
        }
    }

    @Test
    void joinThrowsWhatTheStartedTaskThrewUnchanged() {
        try (NamespaceThread ns = NamespaceThread.newPrivate(KERNEL)) {
            var pending = ns.start(() -> {
                KERNEL.umount2(scratch("not-a-mount"), 0);
                return null;
            });
            assertThatThrownBy(pending::join).isInstanceOf(NativeCallException.class)
                    .hasMessage("umount2 target='/mnt/not-a-mount' flags=0: ENOENT (No such file or directory)");
        }
    }

    @Test
    void startFromTheThreadItselfRunsTheTaskInline() {
        try (NamespaceThread ns = NamespaceThread.newPrivate(KERNEL)) {
            int inner = ns.call(() -> ns.start(KERNEL::gettid).join());
            assertThat(inner).isEqualTo(ns.tid());
        }
    }
}
