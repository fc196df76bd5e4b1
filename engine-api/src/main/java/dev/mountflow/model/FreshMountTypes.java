package dev.mountflow.model;

import java.util.Set;

/**
 * Filesystem types whose superblocks hold no host content that a restore would need: a new mount
 * of the type recreates them (and, for tmpfs, a content plugin refills them). Everything else —
 * ext4, xfs, overlay, nfs, fuse … — is host-backed and comes only from the namespace's root
 * content ({@code --root}) or an operator's {@code --external} mapping (DESIGN.md §7, rule 3).
 */
public final class FreshMountTypes {
    private static final Set<String> TYPES = Set.of(
            "tmpfs", "ramfs", "proc", "sysfs", "devpts", "devtmpfs", "mqueue", "cgroup", "cgroup2",
            "binfmt_misc", "securityfs", "debugfs", "tracefs", "pstore", "fusectl", "bpf",
            "configfs", "hugetlbfs", "efivarfs", "nsfs");

    private FreshMountTypes() {
    }

    public static boolean contains(String fstype) {
        return TYPES.contains(fstype);
    }
}
