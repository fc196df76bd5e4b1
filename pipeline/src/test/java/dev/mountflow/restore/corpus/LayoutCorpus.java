package dev.mountflow.restore.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.model.Mount;
import dev.mountflow.model.MountImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The corpus of live layouts every mount engine must restore: each is built for real by a shell
 * script in a private namespace ({@link LayoutProcess}), pivoted into a tmpfs (or, for one, a bind
 * of the host's root) so the dumped image names no host filesystem. Engine-neutral: a layout says
 * how to build it, how many namespaces it has, what the restore needs and what its dumped image
 * must show; how it is restored and compared is the consumer's.
 */
public final class LayoutCorpus {
    private LayoutCorpus() {
    }

    /**
     * One layout.
     *
     * @param name        its display name, unique in the corpus
     * @param namespaces  how many mount namespaces the script builds (each prints one ready line);
     *                    more than one means the dump takes the process tree
     * @param script      the complete script for {@link LayoutProcess#start}
     * @param root        the content of the root namespace's root mount for the restore, or null
     *                    when the root is a tmpfs the engine recreates
     * @param dumpedImage what the dumped image must show beyond its namespace count, asserted by
     *                    the consumer right after the dump
     */
    public record Layout(String name, int namespaces, String script, Path root, Consumer<MountImage> dumpedImage) {
        public Layout {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(script, "script");
            Objects.requireNonNull(dumpedImage, "dumpedImage");
        }

        /** Whether the dump must take the process tree to reach every namespace. */
        public boolean tree() {
            return namespaces > 1;
        }

        /** The restore request this layout needs: its root content, no externals. */
        public RestoreRequest request() {
            return root == null ? RestoreRequest.empty() : new RestoreRequest(root, Map.of(), false);
        }

        /** Starts the layout's processes; returns once every namespace is complete. */
        public LayoutProcess start() throws java.io.IOException {
            return LayoutProcess.start(script, namespaces);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Every layout, in a stable order. */
    public static List<Layout> all() {
        return List.of(
                pivoted("flatSetOfTmpfs", 1, """
                        cd /mnt/root; mkdir a b c
                        mount -t tmpfs -o size=1m,mode=755 a /mnt/root/a
                        mount -t tmpfs -o nosuid,nodev,nr_inodes=100 b /mnt/root/b
                        mount -t tmpfs -o noexec,noatime c /mnt/root/c
                        """),
                pivoted("bindOfASubdirectory", 1, """
                        mkdir /mnt/root/data /mnt/root/sub
                        mount -t tmpfs data /mnt/root/data; mkdir -p /mnt/root/data/sub/deep
                        mount --bind /mnt/root/data/sub/deep /mnt/root/sub
                        """),
                pivoted("fileBindMount", 1, """
                        mkdir /mnt/root/files; touch /mnt/root/dst
                        mount -t tmpfs files /mnt/root/files; echo x > /mnt/root/files/src
                        mount --bind /mnt/root/files/src /mnt/root/dst
                        """),
                pivoted("chainOfNestedMounts", 1, """
                        mkdir /mnt/root/a; mount -t tmpfs a /mnt/root/a
                        mkdir /mnt/root/a/b; mount -t tmpfs b /mnt/root/a/b
                        mkdir /mnt/root/a/b/c; mount -t tmpfs c /mnt/root/a/b/c
                        mkdir /mnt/root/a/b/c/d; mount -t tmpfs d /mnt/root/a/b/c/d
                        """),
                pivoted("siblingOvermountAndStackedMounts", 1, """
                        mkdir -p /mnt/root/x/y /mnt/root/s
                        mount -t tmpfs hidden /mnt/root/x/y
                        mount -t tmpfs over /mnt/root/x
                        mount -t tmpfs s1 /mnt/root/s
                        mount -t tmpfs s2 /mnt/root/s
                        mount -t tmpfs s3 /mnt/root/s
                        """),
                pivoted("coveredMountsKeepTheirPeerGroupsReadOnlyAndUnbindableMarks", 1, """
                        mkdir -p /mnt/root/x/y /mnt/root/s /mnt/root/p
                        mount -t tmpfs hidden /mnt/root/x/y; mount --make-shared /mnt/root/x/y
                        mount --bind /mnt/root/x/y /mnt/root/p
                        mount -o remount,bind,ro /mnt/root/x/y
                        mount -t tmpfs over /mnt/root/x
                        mount -t tmpfs s1 /mnt/root/s; mount --make-shared /mnt/root/s
                        mount -t tmpfs s2 /mnt/root/s; mount --make-unbindable /mnt/root/s
                        mount -t tmpfs s3 /mnt/root/s; mount -o remount,bind,ro /mnt/root/s
                        """),
                pivoted("sharedPeerGroupWhoseMembersHaveDifferentRoots", 1, """
                        mkdir -p /mnt/root/a /mnt/root/b /mnt/root/c
                        mount -t tmpfs grp /mnt/root/a; mkdir -p /mnt/root/a/inner/deeper
                        mount --make-shared /mnt/root/a
                        mount --bind /mnt/root/a/inner /mnt/root/b
                        mount --bind /mnt/root/a/inner/deeper /mnt/root/c
                        """),
                pivoted("peerGroupWithoutAMemberWideEnoughNeedsAHelper", 1, """
                        mkdir -p /mnt/tmp0 /mnt/root/px /mnt/root/py
                        mount -t tmpfs grp /mnt/tmp0; mkdir /mnt/tmp0/x /mnt/tmp0/y
                        mount --make-shared /mnt/tmp0
                        mount --bind /mnt/tmp0/x /mnt/root/px
                        mount --bind /mnt/tmp0/y /mnt/root/py
                        umount /mnt/tmp0
                        """),
                // Left: master group {/m root /x}, slave group {/sx root /x, /sy root /y}.
                // MOVE_MOUNT_SET_GROUP needs a source root containing the target's, so a v2 restore
                // builds both groups on helper clones.
                pivoted("slaveGroupAndItsMasterBothNeedHelpers", 1, """
                        mkdir -p /mnt/tmp0 /mnt/root/m /mnt/root/sx /mnt/root/sy /mnt/big
                        mount -t tmpfs grp /mnt/tmp0; mkdir /mnt/tmp0/x /mnt/tmp0/y
                        mount --make-shared /mnt/tmp0
                        mount --bind /mnt/tmp0/x /mnt/root/m
                        mount --bind /mnt/tmp0 /mnt/big; mount --make-slave /mnt/big; mount --make-shared /mnt/big
                        mount --bind /mnt/big/x /mnt/root/sx
                        mount --bind /mnt/big/y /mnt/root/sy
                        umount /mnt/big; umount /mnt/tmp0
                        """),
                pivoted("slave", 1, """
                        mkdir /mnt/root/m /mnt/root/s
                        mount -t tmpfs m /mnt/root/m; mount --make-shared /mnt/root/m
                        mount --bind /mnt/root/m /mnt/root/s; mount --make-slave /mnt/root/s
                        """),
                pivoted("sharedAndSlave", 1, """
                        mkdir /mnt/root/m /mnt/root/s /mnt/root/s2
                        mount -t tmpfs m /mnt/root/m; mount --make-shared /mnt/root/m; mkdir /mnt/root/m/d
                        mount --bind /mnt/root/m /mnt/root/s; mount --make-slave /mnt/root/s; mount --make-shared /mnt/root/s
                        mount --bind /mnt/root/s/d /mnt/root/s2
                        """),
                pivoted("slaveOfASlave", 1, """
                        mkdir /mnt/root/m /mnt/root/s1 /mnt/root/s2
                        mount -t tmpfs m /mnt/root/m; mount --make-shared /mnt/root/m
                        mount --bind /mnt/root/m /mnt/root/s1; mount --make-slave /mnt/root/s1; mount --make-shared /mnt/root/s1
                        mount --bind /mnt/root/s1 /mnt/root/s2; mount --make-slave /mnt/root/s2
                        """),
                pivoted("privateMountUnderASharedParent", 1, """
                        mkdir /mnt/root/sh
                        mount -t tmpfs sh /mnt/root/sh; mount --make-shared /mnt/root/sh; mkdir /mnt/root/sh/p
                        mount -t tmpfs p /mnt/root/sh/p; mount --make-private /mnt/root/sh/p
                        """),
                pivoted("unbindableMountWithABindMadeBefore", 1, """
                        mkdir /mnt/root/u /mnt/root/ub
                        mount -t tmpfs u /mnt/root/u
                        mount --bind /mnt/root/u /mnt/root/ub
                        mount --make-unbindable /mnt/root/u
                        """),
                pivoted("readOnlyBindOfAReadWriteMount", 1, """
                        mkdir /mnt/root/rw /mnt/root/ro
                        mount -t tmpfs rw /mnt/root/rw
                        mount --bind /mnt/root/rw /mnt/root/ro; mount -o remount,bind,ro,nosuid /mnt/root/ro
                        """),
                pivoted("readOnlySuperblock", 1, """
                        mkdir /mnt/root/rosb /mnt/root/rwview
                        mount -t tmpfs rosb /mnt/root/rosb; mkdir /mnt/root/rosb/d
                        mount -t tmpfs inner /mnt/root/rosb/d
                        mount -o remount,ro /mnt/root/rosb
                        mount --bind /mnt/root/rosb /mnt/root/rwview; mount -o remount,bind,rw /mnt/root/rwview
                        """),
                pivoted("deletedBindSource", 1, """
                        mkdir /mnt/root/d /mnt/root/g
                        mount -t tmpfs d /mnt/root/d; mkdir /mnt/root/d/gone
                        mount --bind /mnt/root/d/gone /mnt/root/g
                        rmdir /mnt/root/d/gone
                        """),
                // Found by the property tests: a deleted root whose path a later mount of the same
                // filesystem reuses is another dentry; removing it again must not delete that mount's
                // root, and a deleted root below another deleted root is deleted too. The peer group
                // {/pq, /pq2} has a deleted and a live member on one path and no member holding both.
                pivoted("deletedSourcesWhosePathsWereReused", 1, """
                        mkdir /mnt/root/d /mnt/root/g /mnt/root/l /mnt/root/g1 /mnt/root/g2 /mnt/root/pq /mnt/root/pq2
                        mount -t tmpfs d /mnt/root/d; mkdir /mnt/root/d/src
                        mount --bind /mnt/root/d/src /mnt/root/g
                        rmdir /mnt/root/d/src; mkdir /mnt/root/d/src
                        mount --bind /mnt/root/d/src /mnt/root/l
                        mkdir -p /mnt/root/d/p/x
                        mount --bind /mnt/root/d/p/x /mnt/root/g2; rmdir /mnt/root/d/p/x
                        mount --bind /mnt/root/d/p /mnt/root/g1; rmdir /mnt/root/d/p
                        mkdir /mnt/tmp0; mount -t tmpfs s /mnt/tmp0; mount --make-shared /mnt/tmp0; mkdir /mnt/tmp0/q
                        mount --bind /mnt/tmp0/q /mnt/root/pq; rmdir /mnt/tmp0/q; mkdir /mnt/tmp0/q
                        mount --bind /mnt/tmp0/q /mnt/root/pq2; umount /mnt/tmp0
                        """),
                // Found by the property tests: each proc mount is a superblock of its own (Linux 5.8+),
                // so its read-only flag is restored like a tmpfs's.
                // Found by the property tests: v2 built a chain of mounts by name through proc as
                // if a new proc were empty, and its mkdirat of sys failed with EEXIST.
                pivoted("mountsOnTheSysOfANewProcAndInAChainOfTmpfs", 1, """
                        mkdir /mnt/root/p /mnt/root/c; mount -t proc proc /mnt/root/p
                        mount -t tmpfs t1 /mnt/root/p/sys; mkdir /mnt/root/p/sys/d
                        mount -t tmpfs t2 /mnt/root/p/sys/d; mkdir /mnt/root/p/sys/d/d
                        mount -t tmpfs t3 /mnt/root/p/sys/d/d
                        mount -t tmpfs c1 /mnt/root/c; mkdir /mnt/root/c/d; mount -t ramfs c2 /mnt/root/c/d
                        """),
                pivoted("readOnlyProcInstanceAndABindOfItsSys", 1, """
                        mkdir /mnt/root/p /mnt/root/ps
                        mount -t proc proc /mnt/root/p; mount -o remount,ro /mnt/root/p
                        mount --bind /mnt/root/p/sys /mnt/root/ps
                        """),
                // Found by the property tests: a deleted file root whose path a later mount sits on;
                // rename refuses a mountpoint of the caller's namespace, so the deleted root is
                // removed again from a namespace without that mount.
                pivoted("deletedFileRootWhosePathIsALaterMountpoint", 1, """
                        touch /mnt/root/g /mnt/root/f; mount --bind /mnt/root/g /mnt/root/f; rm /mnt/root/g
                        mkdir /mnt/root/t; mount -t tmpfs t /mnt/root/t; touch /mnt/root/t/f /mnt/root/g
                        mount --bind /mnt/root/t/f /mnt/root/g
                        """),
                pivoted("pathsWithSpacesTabsNewlinesAndBackslashes", 1, """
                        cd /mnt/root
                        for name in "with space" "$(printf 'tab\\there')" "$(printf 'new\\nline')" 'back\\\\slash'; do
                          mkdir "$name"; mount -t tmpfs "src $name" "/mnt/root/$name"
                        done
                        """),
                pivoted("twoNamespacesWhoseMountsArePeersAcrossThem", 2, """
                        mkdir /mnt/root/shared /mnt/root/own
                        mount -t tmpfs shared /mnt/root/shared; mount --make-shared /mnt/root/shared
                        mkdir /mnt/root/shared/sub
                        """ + nested("""
                        mount -t tmpfs from-nested /mnt/root/shared/sub
                        mount -t tmpfs own /mnt/root/own
                        """, "/mnt/root", "unchanged", "nested-up") + """
                        while [ ! -e /mnt/nested-up ]; do sleep 0.05; done
                        """),
                rootMountsThatArePeersAcrossNamespaces(),
                // Nested namespace a is a copy keeping propagation, so its mounts on /shared are peers
                // of the root namespace's; b is made private after a's mount, so it holds a copy of
                // that mount that is no peer of it, and its own mount on /shared stays its own.
                pivoted("threeNamespacesOneOfThemSharingPeersWithTheRoot", 3, """
                        mkdir /mnt/root/shared /mnt/root/own /mnt/root/a /mnt/root/b
                        mount -t tmpfs shared /mnt/root/shared; mount --make-shared /mnt/root/shared
                        mkdir /mnt/root/shared/sub /mnt/root/shared/other
                        mount -t tmpfs own /mnt/root/own
                        """ + nested("""
                        mount -t tmpfs from-a /mnt/root/shared/sub
                        mount -t tmpfs a /mnt/root/a
                        """, "/mnt/root", "unchanged", "a-up") + """
                        while [ ! -e /mnt/a-up ]; do sleep 0.05; done
                        """ + nested("""
                        mount -t tmpfs b /mnt/root/b
                        mount -t tmpfs b-other /mnt/root/shared/other
                        """, "/mnt/root", "private", "b-up") + """
                        while [ ! -e /mnt/b-up ]; do sleep 0.05; done
                        """),
                // Found by the property tests: in the nested namespace, the copy of /s/a hides the
                // copy of /s/a/b and the mount stacked on it, which must be made before it.
                pivoted("mountStackedOnAMountHiddenInANestedNamespace", 2, """
                        mkdir /mnt/root/s
                        mount -t tmpfs s /mnt/root/s; mkdir -p /mnt/root/s/a/b
                        mount --bind /mnt/root/s /mnt/root/s/a/b; mount -t tmpfs t1 /mnt/root/s/a/b
                        mount --make-shared /mnt/root/s; mount -t tmpfs t3 /mnt/root/s/a
                        """ + nested("", "/mnt/root", "unchanged", "nested-up") + """
                        while [ ! -e /mnt/nested-up ]; do sleep 0.05; done
                        """),
                pivoted("nestedNamespaceWithADifferentRoot", 2, """
                        mkdir /mnt/nroot /mnt/root/outer
                        mount -t tmpfs outer /mnt/root/outer
                        """ + nested("""
                        mount -t tmpfs nroot /mnt/nroot
                        mkdir /mnt/nroot/.old /mnt/nroot/x; ln -s /.old/proc /mnt/nroot/proc
                        mount -t tmpfs x /mnt/nroot/x
                        """, "/mnt/nroot", "unchanged", "nested-up") + """
                        while [ ! -e /mnt/nested-up ]; do sleep 0.05; done
                        """),
                // Peers each holding a mount the other lacks: the other's copy was made private and
                // detached, which umount propagation does not take back to a mount with children.
                pivoted("peersEachHoldingAMountTheOtherLacks", 1, """
                        mkdir /mnt/root/s /mnt/root/q
                        mount -t tmpfs grp /mnt/root/s; mount --make-shared /mnt/root/s; mkdir /mnt/root/s/x /mnt/root/s/y
                        mount --bind /mnt/root/s /mnt/root/q
                        mount -t tmpfs x /mnt/root/s/x; mkdir /mnt/root/s/x/c; mount -t tmpfs c /mnt/root/s/x/c
                        mount --make-private /mnt/root/q/x; umount -l /mnt/root/q/x
                        mount -t tmpfs y /mnt/root/q/y; mkdir /mnt/root/q/y/c; mount -t tmpfs c2 /mnt/root/q/y/c
                        mount --make-private /mnt/root/s/y; umount -l /mnt/root/s/y
                        """),
                rootOvermountedByAPeerOfItsChild(),
                hostBackedRootFromRootContent());
    }

    /**
     * Found by the property tests: the root is overmounted by a bind of its shared child, so the
     * top of its stack is shared (pivot_root refuses to put an old root there). A mount on {@code /}
     * is made after the pivot, when the shell's root, the bottom of the stack, still reaches the
     * old root's tools.
     */
    private static Layout rootOvermountedByAPeerOfItsChild() {
        return new Layout("rootOvermountedByAPeerOfItsChild", 1, """
                mkdir /mnt/root/sys
                mount -t tmpfs t1 /mnt/root/sys; mount --make-shared /mnt/root/sys
                cd /mnt/root; pivot_root . .old
                LD="/.old/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 --library-path /.old/usr/lib/x86_64-linux-gnu"
                $LD /.old/usr/bin/mount --bind /sys /
                $LD /.old/usr/bin/umount -n -l /.old
                echo ready root; read x <&3 || true
                """, null, image -> {
            List<Mount> shared = image.namespaces().get(0).mounts().stream().filter(Mount::isShared).toList();
            assertThat(shared).as("shared mounts of the layout").extracting(m -> m.mountpoint().toString())
                    .containsExactlyInAnyOrder("/sys", "/");
            assertThat(shared.get(0).sharedId()).as("peer group of both").isEqualTo(shared.get(1).sharedId());
        });
    }

    /**
     * pivot_root refuses a shared new root, so the root is made shared after the pivot and the
     * nested namespace made from there, with the host's tools run through its dynamic loader from
     * the old root until both namespaces detach it. (dash opens /dev/null as a background job's
     * stdin, so the new root gets one.)
     */
    private static Layout rootMountsThatArePeersAcrossNamespaces() {
        return new Layout("rootMountsThatArePeersAcrossNamespaces", 2, """
                mkdir /mnt/root/late /mnt/root/dev; mknod -m 666 /mnt/root/dev/null c 1 3
                cd /mnt/root; pivot_root . .old
                LD="/.old/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 --library-path /.old/usr/lib/x86_64-linux-gnu"
                $LD /.old/usr/bin/mount --make-shared /
                $LD /.old/usr/bin/unshare --mount --propagation unchanged -- $LD /.old/usr/bin/dash -euc '
                  LD="/.old/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 --library-path /.old/usr/lib/x86_64-linux-gnu"
                  $LD /.old/usr/bin/mount -t tmpfs late /late
                  $LD /.old/usr/bin/umount -n -l /.old || true
                  : > /nested-up
                  echo ready nested; read x <&3 || true' &
                i=0; while [ ! -e /nested-up ]; do i=$((i + 1)); [ $i -lt 2000000 ]; done
                $LD /.old/usr/bin/umount -n -l /.old || true
                echo ready root; read x <&3 || true
                """, null, image -> {
            int rootGroup = image.namespaces().get(0).mounts().get(0).sharedId();
            assertThat(rootGroup).as("peer group of the root namespace's root mount").isNotZero();
            assertThat(image.namespaces()).allSatisfy(ns -> assertThat(ns.mounts()).filteredOn(Mount::isShared)
                    .extracting(Mount::sharedId).contains(rootGroup).hasSize(2));
        });
    }

    /**
     * The root is a non-recursive bind of the host's root (ext4), pivoted into through its existing
     * empty /old_root; its tmpfs children sit on existing empty directories, so the restore needs
     * {@code --root /} and only reads it.
     */
    private static Layout hostBackedRootFromRootContent() {
        return new Layout("hostBackedRootFromRootContent", 1, """
                mkdir /mnt/hroot
                mount --bind / /mnt/hroot
                mount -t tmpfs -o size=1m srv /mnt/hroot/srv
                mount -t tmpfs -o ro media /mnt/hroot/media
                cd /mnt/hroot; pivot_root . old_root
                mount -t proc proc /proc; umount -l /old_root; umount /proc
                echo ready root; read x <&3 || true
                """, Path.of("/"), image -> assertThat(image.namespaces().get(0).mounts().get(0).fstype())
                .as("fstype of the root mount").isEqualTo("ext4"));
    }

    /** A layout that ends pivoted into {@code /mnt/root}, with nothing to check beyond the restore. */
    private static Layout pivoted(String name, int namespaces, String script) {
        return new Layout(name, namespaces, script + LayoutProcess.pivotAndWait("/mnt/root", "root"), null, image -> { });
    }

    /**
     * A nested namespace, copied with {@code propagation} ({@code unchanged}: its mounts stay peers
     * of the parent's shared ones; {@code private}: none do), that builds {@code body}, touches
     * {@code /mnt/<up>} and pivots into {@code root}.
     */
    private static String nested(String body, String root, String propagation, String up) {
        return "unshare --mount --propagation " + propagation + " -- sh -euc '" + LayoutProcess.PIVOT + body
                + "touch /mnt/" + up + "\n" + LayoutProcess.pivotAndWait(root, "nested") + "' &\n";
    }
}
