package dev.mountflow.bench;

import dev.mountflow.model.DeviceId;
import dev.mountflow.model.MountImage;
import dev.mountflow.model.MountNamespace;
import dev.mountflow.model.MountflowVersion;
import java.util.List;

/**
 * Synthetic images of exactly N mounts in one namespace whose root is a tmpfs, so a restore needs
 * no host content. Every mount reads as the kernel reports a fresh tmpfs or a bind of one
 * ({@code rw,relatime}, superblock options {@code rw,size=1024k,mode=755}, source {@code bench}),
 * so a restore that did its job verifies equal.
 *
 * <p>{@code mountfloor.c} builds the same tables with raw syscalls; its constants must match the
 * ones here, which the floor tests check by comparing the two mount tables.
 *
 * <ul>
 *   <li>{@link Layout#FLAT}: tmpfs on {@code /flat/<i>}, i = 1..N-1.
 *   <li>{@link Layout#BINDS}: {@value #BIND_SUPERBLOCKS} tmpfs on {@code /sb/<k>}, then binds on
 *       {@code /bind/<j>} of directory {@code /dir/<j>} of superblock j mod {@value #BIND_SUPERBLOCKS}.
 *   <li>{@link Layout#NESTED}: chains of {@value #CHAIN_DEPTH} tmpfs, {@code /nest/<c>}, then each
 *       on directory {@code d} of the previous ({@code /nest/<c>/d/d}…); paths stay under 100 bytes.
 *   <li>{@link Layout#GROUPS}: families of {@value #FAMILY_SIZE} mounts of one tmpfs on
 *       {@code /group/<f>/<k>}: k = 0..3 a peer group (roots {@code /}, {@code /a/1}…{@code /a/3}),
 *       k = 4..7 a peer group (roots {@code /b}, {@code /b/1}…{@code /b/3}) that is the first
 *       group's slave.
 * </ul>
 */
public final class BenchLayouts {
    public static final int BIND_SUPERBLOCKS = 4;
    public static final int CHAIN_DEPTH = 32;
    public static final int FAMILY_SIZE = 8;
    public static final int PEERS = 4;
    /** fs.mount-max's default: a namespace cannot hold more. */
    public static final int MAX_MOUNTS = 100_000;

    private static final int NAMESPACE_ID = 1;

    private BenchLayouts() {
    }

    /** An image of {@code mounts} mounts (root included) in {@code layout}. */
    public static MountImage generate(Layout layout, int mounts) {
        if (mounts < 1 || mounts > MAX_MOUNTS) {
            throw new IllegalArgumentException("mount count " + mounts + " is not in 1.." + MAX_MOUNTS);
        }
        SyntheticTable table = new SyntheticTable();
        int root = table.root();
        switch (layout) {
            case FLAT -> flat(table, root, mounts - 1);
            case BINDS -> binds(table, root, mounts - 1);
            case NESTED -> nested(table, root, mounts - 1);
            case GROUPS -> groups(table, root, mounts - 1);
        }
        MountNamespace ns = new MountNamespace(NAMESPACE_ID, 0, 0, table.mounts());
        return new MountImage(NAMESPACE_ID, MountflowVersion.get(), List.of(ns));
    }

    private static void flat(SyntheticTable table, int root, int count) {
        for (int i = 1; i <= count; i++) {
            table.add(root, table.newSuperblock(), "/", "/flat/" + i, 0, 0);
        }
    }

    private static void binds(SyntheticTable table, int root, int count) {
        int supers = Math.min(count, BIND_SUPERBLOCKS);
        DeviceId[] devices = new DeviceId[supers];
        for (int k = 0; k < supers; k++) {
            devices[k] = table.newSuperblock();
            table.add(root, devices[k], "/", "/sb/" + k, 0, 0);
        }
        for (int j = 0; j < count - supers; j++) {
            table.add(root, devices[j % supers], "/dir/" + j, "/bind/" + j, 0, 0);
        }
    }

    private static void nested(SyntheticTable table, int root, int count) {
        int parent = root;
        String path = "";
        for (int i = 0; i < count; i++) {
            if (i % CHAIN_DEPTH == 0) {
                parent = root;
                path = "/nest/" + i / CHAIN_DEPTH;
            } else {
                path += "/d";
            }
            parent = table.add(parent, table.newSuperblock(), "/", path, 0, 0);
        }
    }

    /** Group ids are 2f+1 (the master group of family f) and 2f+2 (its slave group). */
    private static void groups(SyntheticTable table, int root, int count) {
        DeviceId device = null;
        for (int i = 0; i < count; i++) {
            int family = i / FAMILY_SIZE;
            int k = i % FAMILY_SIZE;
            if (k == 0) {
                device = table.newSuperblock();
            }
            String mountpoint = "/group/" + family + "/" + k;
            int master = 2 * family + 1;
            if (k < PEERS) {
                table.add(root, device, k == 0 ? "/" : "/a/" + k, mountpoint, master, 0);
            } else {
                table.add(root, device, k == PEERS ? "/b" : "/b/" + (k - PEERS), mountpoint, master + 1, master);
            }
        }
    }
}
