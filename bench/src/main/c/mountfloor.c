/*
 * mountfloor: the syscall floor mountflow's restore is compared with.
 *
 * Usage: mountfloor LAYOUT MOUNTS [--mountinfo]
 *
 * Builds, with as few plain mount(2)/mkdir(2) calls as the layout allows, the same mount table as
 * dev.mountflow.bench.BenchLayouts describes for LAYOUT (flat, binds, nested, groups) and MOUNTS,
 * pivots into it as a restore does, and prints one line of JSON with the wall times
 * (CLOCK_MONOTONIC). With --mountinfo it then copies the new namespace's mountinfo to stdout, so
 * the harness can check that the floor built what the image describes.
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

#define WORK_DIR "/mnt"
#define PUT_OLD ".mountfloor-old"
#define SOURCE "bench"
#define OPTIONS "size=1024k,mode=755"
#define BIND_SUPERBLOCKS 4
#define CHAIN_DEPTH 32
#define FAMILY_SIZE 8
#define PEERS 4

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
            static const char *dirs[] = {"a", "a/1", "a/2", "a/3", "b", "b/1", "b/2", "b/3"};
            for (unsigned d = 0; d < sizeof dirs / sizeof *dirs; d++)
                mk(fmt(from, "%s/%s", first, dirs[d]));
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

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4 || (argc == 4 && strcmp(argv[3], "--mountinfo") != 0)) {
        fprintf(stderr, "usage: mountfloor flat|binds|nested|groups MOUNTS [--mountinfo]\n");
        return 2;
    }
    const char *layout = argv[1];
    char *end;
    long n = strtol(argv[2], &end, 10);
    void (*build)(int) = strcmp(layout, "flat") == 0 ? flat
            : strcmp(layout, "binds") == 0 ? binds
            : strcmp(layout, "nested") == 0 ? nested
            : strcmp(layout, "groups") == 0 ? groups : NULL;
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

    tmpfs(WORK_DIR);
    mk(WORK_DIR "/" PUT_OLD);
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

    printf("{\"layout\":\"%s\",\"mounts\":%ld,\"namespace_ns\":%lld,\"mount_ns\":%lld,"
           "\"total_ns\":%lld,\"mounts_in_namespace\":%d}\n",
           layout, n, t1 - t0, t2 - t1, t2 - t0, mountinfo_lines(proc, 0));
    if (argc == 4)
        mountinfo_lines(proc, 1);
    return fflush(stdout) == 0 ? 0 : 1;
}
