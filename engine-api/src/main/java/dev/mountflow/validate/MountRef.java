package dev.mountflow.validate;

/**
 * A mount by position, since an invalid image may give two mounts one id.
 *
 * @param namespace the namespace's position in the image
 * @param index the mount's position in its namespace
 */
record MountRef(int namespace, int index) {
    boolean precedes(MountRef other) {
        return namespace != other.namespace ? namespace < other.namespace : index < other.index;
    }
}
