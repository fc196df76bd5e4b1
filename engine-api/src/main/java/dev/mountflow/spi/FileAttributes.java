package dev.mountflow.spi;

/**
 * Everything statx(2) says about a file that a copy of it needs: type and permissions, owner,
 * times to the nanosecond, size and allocation, the device it stands for, and its identity.
 *
 * @param mode {@code stx_mode}: file type and permission bits
 * @param uid owner
 * @param gid group
 * @param links {@code stx_nlink}
 * @param inode {@code stx_ino}
 * @param size {@code stx_size} in bytes
 * @param blocks {@code stx_blocks}, 512-byte units actually allocated (less than size for a sparse file)
 * @param atime last access
 * @param mtime last modification
 * @param ctime last status change (set by the kernel, never restorable; for listings)
 * @param rdevMajor the device a device node stands for
 * @param rdevMinor the device a device node stands for
 * @param devMajor the superblock's device
 * @param devMinor the superblock's device
 */
public record FileAttributes(int mode, int uid, int gid, long links, long inode, long size, long blocks,
                             FileTime atime, FileTime mtime, FileTime ctime, int rdevMajor, int rdevMinor,
                             int devMajor, int devMinor) {
    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;
    /** Permission bits with setuid, setgid and sticky. */
    public static final int PERMISSIONS = 07777;

    /** A time as the kernel keeps it: seconds since the epoch and nanoseconds within the second. */
    public record FileTime(long seconds, int nanos) {
        public FileTime {
            if (nanos < 0 || nanos > 999_999_999) {
                throw new IllegalArgumentException("nanoseconds " + nanos + " out of range");
            }
        }
    }

    public int type() {
        return mode & S_IFMT;
    }

    public int permissions() {
        return mode & PERMISSIONS;
    }

    public boolean isDirectory() {
        return type() == S_IFDIR;
    }

    public boolean isRegular() {
        return type() == S_IFREG;
    }

    public boolean isSymlink() {
        return type() == S_IFLNK;
    }
}
