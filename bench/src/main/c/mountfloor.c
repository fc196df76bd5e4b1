/*
 * mountfloor: the syscall floor mountflow's restore is compared with.
 *
 * Usage: mountfloor LAYOUT MOUNTS [--api mount|fd] [--mountinfo]
 *
 * Builds the mount table that dev.mountflow.bench.BenchLayouts describes for LAYOUT (flat, binds,
 * nested, groups) and MOUNTS, pivots into it as a restore does, and prints one line of JSON with
 * the wall times (CLOCK_MONOTONIC). With --mountinfo it then copies the new namespace's mountinfo
 * to stdout, so the harness can check that the floor built what the image describes.
 *
 * --api mount (the default, the floor proper) uses as few calls as the layout allows: mkdir(2)
 * and mount(2), peers and slaves inherited through binds of shared mounts. --api fd makes the
 * same table the way the v2 engine must (fsopen/fsconfig/fsmount, open_tree clones, move_mount
 * by fd, MOVE_MOUNT_SET_GROUP and mount_setattr for sharing), which is the floor of that design.
 *
 * Safety: the first two calls are unshare(CLONE_NEWNS) and making every mount of the copy private,
 * so nothing below can propagate to the host; all work happens on a tmpfs mounted over WORK_DIR
 * inside that namespace, and the namespace dies with this process. The layout constants below
 * must match BenchLayouts.java; BenchLayoutsFloorTests compares the two mount tables.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef MOVE_MOUNT_SET_GROUP
#define MOVE_MOUNT_SET_GROUP 0x00000100
#endif

#define WORK_DIR "/mnt"
#define PUT_OLD ".mountfloor-old"
#define SOURCE "bench"
#define OPTIONS "size=1024k,mode=755"
#define BIND_SUPERBLOCKS 4
#define CHAIN_DEPTH 32
#define FAMILY_SIZE 8
#define PEERS 4

/* The directories of a group family's superblock: the roots of its members but the first. */
static const char *family_dirs[] = {"a", "a/1", "a/2", "a/3", "b", "b/1", "b/2", "b/3"};

static char path[4096];
static char from[4096];

static void die(const char *call, const char *arg)
{
    fprintf(stderr, "mountfloor: %s '%s': %s\n", call, arg, strerror(errno));
    exit(1);
}

/* Formats into buf; every path of the layouts is far below PATH_MAX. */
static const char *fmt(char *buf, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    vsnprintf(buf, 4096, format, ap);
    va_end(ap);
    return buf;
}

static void mk(const char *dir)
{
    if (mkdir(dir, 0755) != 0)
        die("mkdir", dir);
}

static void tmpfs(const char *target)
{
    if (mount(SOURCE, target, "tmpfs", 0, OPTIONS) != 0)
        die("mount tmpfs", target);
}

static void bind(const char *source, const char *target)
{
    if (mount(source, target, NULL, MS_BIND, NULL) != 0)
        die("mount bind", target);
}

static void propagation(const char *target, unsigned long flag)
{
    if (mount(NULL, target, NULL, flag, NULL) != 0)
        die("mount propagation", target);
}

static long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* N-1 tmpfs mounts side by side: /flat/<i>. */
static void flat(int n)
{
    mk(WORK_DIR "/flat");
    for (int i = 1; i < n; i++) {
        mk(fmt(path, WORK_DIR "/flat/%d", i));
        tmpfs(path);
    }
}

/* A few tmpfs superblocks on /sb/<k>, then binds of their subdirectories /dir/<j> on /bind/<j>. */
static void binds(int n)
{
    int supers = n - 1 < BIND_SUPERBLOCKS ? n - 1 : BIND_SUPERBLOCKS;
    if (supers <= 0)
        return;
    mk(WORK_DIR "/sb");
    for (int k = 0; k < supers; k++) {
        mk(fmt(path, WORK_DIR "/sb/%d", k));
        tmpfs(path);
        mk(fmt(path, WORK_DIR "/sb/%d/dir", k));
    }
    mk(WORK_DIR "/bind");
    for (int j = 0; j < n - 1 - supers; j++) {
        mk(fmt(from, WORK_DIR "/sb/%d/dir/%d", j % supers, j));
        mk(fmt(path, WORK_DIR "/bind/%d", j));
        bind(from, path);
    }
}

/* Chains of CHAIN_DEPTH tmpfs mounts, each on a directory "d" of the previous: /nest/<c>/d/d/... */
static void nested(int n)
{
    mk(WORK_DIR "/nest");
    size_t len = 0;
    for (int i = 0; i < n - 1; i++) {
        if (i % CHAIN_DEPTH == 0)
            len = strlen(fmt(path, WORK_DIR "/nest/%d", i / CHAIN_DEPTH));
        else {
            memcpy(path + len, "/d", 3);
            len += 2;
        }
        mk(path);
        tmpfs(path);
    }
}

/*
 * Families of FAMILY_SIZE mounts of one superblock on /group/<f>/<k>: k = 0..3 one peer group
 * (roots /, /a/1, /a/2, /a/3), k = 4..7 a second one (roots /b, /b/1, /b/2, /b/3) that is a slave
 * of the first. Peers are made the cheapest way the kernel offers: a bind of a shared mount joins
 * its group; a mount that had peers and is made a slave becomes its old group's slave.
 */
static void groups(int n)
{
    static char first[4096], second[4096];
    mk(WORK_DIR "/group");
    for (int i = 0; i < n - 1; i++) {
        int f = i / FAMILY_SIZE, k = i % FAMILY_SIZE;
        if (k == 0)
            mk(fmt(path, WORK_DIR "/group/%d", f));
        fmt(path, WORK_DIR "/group/%d/%d", f, k);
        mk(path);
        if (k == 0) {
            tmpfs(path);
            strcpy(first, path);
            for (unsigned d = 0; d < sizeof family_dirs / sizeof *family_dirs; d++)
                mk(fmt(from, "%s/%s", first, family_dirs[d]));
            propagation(path, MS_SHARED);
        } else if (k < PEERS) {
            bind(fmt(from, "%s/a/%d", first, k), path);
        } else if (k == PEERS) {
            bind(fmt(from, "%s/b", first), path);
            propagation(path, MS_SLAVE);
            propagation(path, MS_SHARED);
            strcpy(second, path);
        } else {
            bind(fmt(from, "%s/%d", second, k - PEERS), path);
        }
    }
}


/* ---- --api fd: the v2 engine's calls, each mount made detached and moved in by fd. ---- */

static int root_fd = -1;

static int fresh_tmpfs(void)
{
    int fs = fsopen("tmpfs", FSOPEN_CLOEXEC);
    if (fs < 0)
        die("fsopen", "tmpfs");
    if (fsconfig(fs, FSCONFIG_SET_STRING, "source", SOURCE, 0) != 0
            || fsconfig(fs, FSCONFIG_SET_STRING, "size", "1024k", 0) != 0
            || fsconfig(fs, FSCONFIG_SET_STRING, "mode", "755", 0) != 0
            || fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) != 0)
        die("fsconfig", OPTIONS);
    int mnt = fsmount(fs, FSMOUNT_CLOEXEC, 0);
    if (mnt < 0)
        die("fsmount", "tmpfs");
    close(fs);
    return mnt;
}

static void mkat(int dfd, const char *rel)
{
    if (mkdirat(dfd, rel, 0755) != 0)
        die("mkdirat", rel);
}

/* Makes directory rel in dfd and moves the detached mount fd onto it. */
static void attach(int fd, int dfd, const char *rel)
{
    mkat(dfd, rel);
    if (move_mount(fd, "", dfd, rel, MOVE_MOUNT_F_EMPTY_PATH) != 0)
        die("move_mount", rel);
}

static int clone_at(int dfd, const char *rel)
{
    int fd = open_tree(dfd, rel, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
    if (fd < 0)
        die("open_tree", rel);
    return fd;
}

static void set_group(int from, int to)
{
    if (move_mount(from, "", to, "", MOVE_MOUNT_SET_GROUP | MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) != 0)
        die("move_mount", "MOVE_MOUNT_SET_GROUP");
}

static void set_propagation(int fd, unsigned long type)
{
    struct mount_attr attr = {.propagation = type};
    if (mount_setattr(fd, "", AT_EMPTY_PATH, &attr, sizeof attr) != 0)
        die("mount_setattr", "propagation");
}

static void flat_fd(int n)
{
    mkat(root_fd, "flat");
    for (int i = 1; i < n; i++) {
        int fd = fresh_tmpfs();
        attach(fd, root_fd, fmt(path, "flat/%d", i));
        close(fd);
    }
}

static void binds_fd(int n)
{
    int supers = n - 1 < BIND_SUPERBLOCKS ? n - 1 : BIND_SUPERBLOCKS;
    int sb[BIND_SUPERBLOCKS];
    if (supers <= 0)
        return;
    mkat(root_fd, "sb");
    for (int k = 0; k < supers; k++) {
        sb[k] = fresh_tmpfs();
        attach(sb[k], root_fd, fmt(path, "sb/%d", k));
        mkat(sb[k], "dir");
    }
    mkat(root_fd, "bind");
    for (int j = 0; j < n - 1 - supers; j++) {
        mkat(sb[j % supers], fmt(from, "dir/%d", j));
        int fd = clone_at(sb[j % supers], from);
        attach(fd, root_fd, fmt(path, "bind/%d", j));
        close(fd);
    }
    for (int k = 0; k < supers; k++)
        close(sb[k]);
}

static void nested_fd(int n)
{
    mkat(root_fd, "nest");
    int parent = root_fd;
    for (int i = 0; i < n - 1; i++) {
        int fd = fresh_tmpfs();
        if (i % CHAIN_DEPTH == 0) {
            if (parent != root_fd)
                close(parent);
            attach(fd, root_fd, fmt(path, "nest/%d", i / CHAIN_DEPTH));
        } else {
            attach(fd, parent, "d");
            close(parent);
        }
        parent = fd;
    }
    if (parent != root_fd)
        close(parent);
}

/* The v2 order: every member private first, then the groups, the master group before its slave. */
static void share_family(int *fds, int count)
{
    set_propagation(fds[0], MS_SHARED);
    for (int k = 1; k < count && k < PEERS; k++)
        set_group(fds[0], fds[k]);
    if (count > PEERS) {
        set_group(fds[0], fds[PEERS]);
        set_propagation(fds[PEERS], MS_SLAVE);
        set_propagation(fds[PEERS], MS_SHARED);
        for (int k = PEERS + 1; k < count; k++)
            set_group(fds[PEERS], fds[k]);
    }
    for (int k = 0; k < count; k++)
        close(fds[k]);
}

static void groups_fd(int n)
{
    static const char *roots[FAMILY_SIZE] = {"", "a/1", "a/2", "a/3", "b", "b/1", "b/2", "b/3"};
    int fds[FAMILY_SIZE];
    mkat(root_fd, "group");
    for (int i = 0; i < n - 1; i++) {
        int f = i / FAMILY_SIZE, k = i % FAMILY_SIZE;
        if (k == 0) {
            mkat(root_fd, fmt(path, "group/%d", f));
            fds[0] = fresh_tmpfs();
            for (unsigned d = 0; d < sizeof family_dirs / sizeof *family_dirs; d++)
                mkat(fds[0], family_dirs[d]);
        } else {
            fds[k] = clone_at(fds[0], roots[k]);
        }
        attach(fds[k], root_fd, fmt(path, "group/%d/%d", f, k));
        if (k == FAMILY_SIZE - 1 || i == n - 2)
            share_family(fds, k + 1);
    }
}

/* Counts (and with copy, prints) the lines of this process's mountinfo, opened through proc. */
static int mountinfo_lines(int proc, int copy)
{
    int fd = openat(proc, "self/mountinfo", O_RDONLY | O_CLOEXEC);
    FILE *in = fd < 0 ? NULL : fdopen(fd, "r");
    if (!in)
        die("open", "/proc/self/mountinfo");
    int lines = 0, c;
    while ((c = getc(in)) != EOF) {
        if (copy)
            putchar(c);
        if (c == '\n')
            lines++;
    }
    fclose(in);
    return lines;
}

static void usage(void)
{
    fprintf(stderr, "usage: mountfloor flat|binds|nested|groups MOUNTS [--api mount|fd] [--mountinfo]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    if (argc < 3)
        usage();
    const char *layout = argv[1];
    const char *api = "mount";
    int print_mountinfo = 0;
    for (int i = 3; i < argc; i++) {
        if (strcmp(argv[i], "--mountinfo") == 0)
            print_mountinfo = 1;
        else if (strcmp(argv[i], "--api") == 0 && i + 1 < argc)
            api = argv[++i];
        else
            usage();
    }
    int fd_api = strcmp(api, "fd") == 0;
    if (!fd_api && strcmp(api, "mount") != 0)
        usage();
    char *end;
    long n = strtol(argv[2], &end, 10);
    static const char *names[] = {"flat", "binds", "nested", "groups"};
    static void (*const by_mount[])(int) = {flat, binds, nested, groups};
    static void (*const by_fd[])(int) = {flat_fd, binds_fd, nested_fd, groups_fd};
    void (*build)(int) = NULL;
    for (unsigned i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(layout, names[i]) == 0)
            build = fd_api ? by_fd[i] : by_mount[i];
    if (!build || *end || n < 1 || n > 100000) {
        fprintf(stderr, "mountfloor: unknown layout '%s' or MOUNTS '%s' not in 1..100000\n", layout, argv[2]);
        return 2;
    }

    /* pivot_root takes the copied host tree, /proc included, away; this fd keeps proc reachable. */
    int proc = open("/proc", O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (proc < 0)
        die("open", "/proc");

    long long t0 = now_ns();
    if (unshare(CLONE_NEWNS) != 0)
        die("unshare", "CLONE_NEWNS");
    propagation("/", MS_REC | MS_PRIVATE);
    long long t1 = now_ns();

    if (fd_api) {
        root_fd = fresh_tmpfs();
        mkat(root_fd, PUT_OLD);
        if (move_mount(root_fd, "", AT_FDCWD, WORK_DIR, MOVE_MOUNT_F_EMPTY_PATH) != 0)
            die("move_mount", WORK_DIR);
    } else {
        tmpfs(WORK_DIR);
        mk(WORK_DIR "/" PUT_OLD);
    }
    build((int) n);
    /* As a restore does: the new tree becomes the namespace's root and the copied host tree goes. */
    if (syscall(SYS_pivot_root, WORK_DIR, WORK_DIR "/" PUT_OLD) != 0)
        die("pivot_root", WORK_DIR);
    if (chdir("/") != 0)
        die("chdir", "/");
    if (umount2("/" PUT_OLD, MNT_DETACH) != 0)
        die("umount2", "/" PUT_OLD);
    if (rmdir("/" PUT_OLD) != 0)
        die("rmdir", "/" PUT_OLD);
    long long t2 = now_ns();

    printf("{\"layout\":\"%s\",\"api\":\"%s\",\"mounts\":%ld,\"namespace_ns\":%lld,\"mount_ns\":%lld,"
           "\"total_ns\":%lld,\"mounts_in_namespace\":%d}\n",
           layout, api, n, t1 - t0, t2 - t1, t2 - t0, mountinfo_lines(proc, 0));
    if (print_mountinfo)
        mountinfo_lines(proc, 1);
    return fflush(stdout) == 0 ? 0 : 1;
}
