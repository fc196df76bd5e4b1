/**
 * The legacy engine v1 (CRIU's {@code mount.c} design): every namespace is built as one tree
 * under a private tmpfs roots yard, in tree order, with mount(2) on fds resolved by openat2;
 * mounts get their peer group or master only by inheritance (a bind from a member of the group),
 * and the kernel's propagation copies on the way are planned for; then each namespace is split
 * off with unshare and pivot_root into its sub-tree. Topologies that inheritance cannot build are
 * refused in {@code validate}. Entry point: {@link dev.mountflow.enginev1.V1Engine}.
 */
package dev.mountflow.enginev1;
