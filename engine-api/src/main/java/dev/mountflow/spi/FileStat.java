package dev.mountflow.spi;

/**
 * What statx(2) says about a file that matters for mounts.
 *
 * @param mountId the id of the mount the file is on, as in mountinfo's first field
 *     ({@code stx_mnt_id}), or -1 from a kernel older than 5.8 that does not report it; ids
 *     are reused right after an unmount, so compare them only while holding an fd on the mount
 * @param devMajor major number of the superblock's device ({@code stx_dev_major})
 * @param devMinor minor number of the superblock's device ({@code stx_dev_minor})
 * @param inode {@code stx_ino}
 * @param mode {@code stx_mode}: file type and permission bits
 * @param mountRoot whether the file is the root of its mount ({@code STATX_ATTR_MOUNT_ROOT});
 *     false also when the kernel cannot tell, see {@code mountRootKnown}
 * @param mountRootKnown whether the kernel reported {@code STATX_ATTR_MOUNT_ROOT} at all
 */
public record FileStat(long mountId, int devMajor, int devMinor, long inode, int mode,
                       boolean mountRoot, boolean mountRootKnown) {
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;

    public boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    public boolean isSymlink() {
        return (mode & S_IFMT) == S_IFLNK;
    }
}
