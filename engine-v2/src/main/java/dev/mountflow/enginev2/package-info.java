/**
 * The mount-v2 engine: every mount is created alone and private as a detached mount fd
 * (fsmount or a non-recursive open_tree clone), assembled into its namespace with move_mount on
 * fds resolved by openat2 beneath their parent, and only then given its sharing with
 * MOVE_MOUNT_SET_GROUP. Entry point: {@link dev.mountflow.enginev2.V2Engine}.
 */
package dev.mountflow.enginev2;
