#!/bin/sh
# Recaptures the mountinfo fixtures of this directory (as root, Linux, util-linux mount).
#
# Every layout is built inside its own private mount namespace on a tmpfs mounted over /srv, so
# nothing is created on the host filesystem and the host mount table is the same afterwards; the
# namespaces die with their shell. Only host-*.mountinfo reads the host as it is.
set -eu
out=$(cd "$(dirname "$0")" && pwd)
host_name="host-$(. /etc/os-release && echo "$ID$VERSION_ID")-kernel$(uname -r | cut -d. -f1,2)"

cat /proc/self/mountinfo >"$out/$host_name.mountinfo"

in_private_ns() {
    unshare -m --propagation private sh -euc "mount -t tmpfs fixture-scratch /srv; cd /srv; $1" >"$out/$2"
}

# Peer groups, a slave, a shared slave, an unbindable mount, two mounts stacked on one mountpoint.
in_private_ns '
mkdir origin peer slave shared-slave slave-of-slave unbindable stacked
mount -t tmpfs origin-fs origin
mount --make-shared origin
mount --bind origin peer
mount --bind origin slave && mount --make-slave slave
mount --bind origin shared-slave && mount --make-slave shared-slave && mount --make-shared shared-slave
mount --bind shared-slave slave-of-slave && mount --make-slave slave-of-slave
mount -t tmpfs unbindable-fs unbindable && mount --make-unbindable unbindable
mount -t tmpfs -o size=1m lower-fs stacked && mount -t tmpfs -o size=2m upper-fs stacked
cat /proc/self/mountinfo' propagation.mountinfo

# A slave whose master peer group has no member inside the reader'"'"'s root: the kernel then names the
# nearest visible dominating group as propagate_from.
in_private_ns '
mkdir -p jail/usr jail/proc jail/visible-master jail/slave hidden-master
ln -s usr/bin jail/bin && ln -s usr/lib jail/lib && ln -s usr/lib64 jail/lib64
mount --bind -o ro /usr jail/usr
mount --bind /proc jail/proc
mount -t tmpfs master-fs jail/visible-master && mount --make-shared jail/visible-master
mount --bind jail/visible-master hidden-master
mount --make-slave hidden-master && mount --make-shared hidden-master
mount --bind hidden-master jail/slave && mount --make-slave jail/slave
chroot /srv/jail /bin/cat /proc/self/mountinfo' propagate-from-chroot.mountinfo

# Binds: read-only, of a subdirectory, of a file, and of a directory and a file deleted afterwards.
in_private_ns '
mkdir -p data "src dir" ro-bind sub-bind gone-dir-bind
echo x >data/file && echo y >gone-file && touch file-bind gone-file-bind
mount -t tmpfs data-fs data && mkdir data/sub && echo x >data/file
mount --bind -o ro data ro-bind
mount --bind data/sub sub-bind
mount --bind data/file file-bind
mount --bind "src dir" gone-dir-bind && rmdir "src dir"
mount --bind gone-file gone-file-bind && rm gone-file
cat /proc/self/mountinfo' deleted-and-ro-binds.mountinfo

# Every byte the kernel escapes, a source with "#", a non-UTF-8 name, an empty source and an
# overlay whose superblock options hold a space and an escaped comma.
in_private_ns '
sp="with space"; tab=$(printf "with\ttab"); nl=$(printf "with\nnewline"); bs="with\\backslash"
bad=$(printf "bad\377byte"); utf="grüße"
mkdir "$sp" "$tab" "$nl" "$bs" "$bad" "$utf" empty-source hash-source "low er" "lo,w" up work ov
mount -t tmpfs "src with space" "$sp"
mount -t tmpfs "$(printf "src\twith\ttab")" "$tab"
mount -t tmpfs "$(printf "src\nwith\nnewline")" "$nl"
mount -t tmpfs "src\\with\\backslash" "$bs"
mount -t tmpfs "$(printf "src\377bad")" "$bad"
mount -t tmpfs "quelle-$utf" "$utf"
mount -t tmpfs "" empty-source
mount -t tmpfs "#hash#source" hash-source
mount -t overlay "overlay#1" -o "lowerdir=/srv/low er:/srv/lo\\,w,upperdir=/srv/up,workdir=/srv/work" ov
cat /proc/self/mountinfo' hard-paths.mountinfo

# A container-like root: fresh proc, sysfs, cgroup2, dev tmpfs with devpts, shm and mqueue, a
# read-only /usr, a bound /etc/hostname, pivoted into and the old root detached.
in_private_ns '
mkdir root && mount -t tmpfs -o mode=755 rootfs root && cd root
mkdir -p proc sys dev usr etc tmp .old
ln -s usr/bin bin && ln -s usr/lib lib && ln -s usr/lib64 lib64 && ln -s usr/sbin sbin
echo container >/srv/hostname && touch etc/hostname
mount -t proc proc proc
mount -t sysfs -o ro,nosuid,nodev,noexec sysfs sys
mount -t cgroup2 -o nosuid,nodev,noexec cgroup2 sys/fs/cgroup
mount -t tmpfs -o nosuid,mode=755,size=64k tmpfs dev
mkdir dev/pts dev/shm dev/mqueue
mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts dev/pts
mount -t tmpfs -o nosuid,nodev,noexec,size=64m shm dev/shm
mount -t mqueue -o nosuid,nodev,noexec mqueue dev/mqueue
mount --bind -o ro,nosuid,nodev /usr usr
mount --bind /srv/hostname etc/hostname
mount -t tmpfs -o nosuid,nodev,mode=1777 tmpfs tmp
mount --make-shared tmp
pivot_root . .old
cd /
umount -l /.old
cat /proc/self/mountinfo' container-layout.mountinfo
