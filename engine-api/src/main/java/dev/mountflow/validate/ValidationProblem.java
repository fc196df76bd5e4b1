package dev.mountflow.validate;

import dev.mountflow.model.RawString;
import java.util.Objects;

/**
 * One defect of an image, named by where it is and which image field is wrong.
 *
 * <p>{@link #toString()} renders one line, e.g.
 * {@code namespace 2, mount 31 '/a/b', parent_mnt_id: mount 99 is not in this namespace}.
 *
 * @param scope whether the problem concerns the whole image, one namespace or one mount
 * @param namespaceId the namespace's id, 0 when the scope is the image
 * @param mountId the mount's id, 0 unless the scope is a mount
 * @param mountpoint the mount's mountpoint, null unless the scope is a mount
 * @param field the field at fault, named as in CRIU's image ({@code mnt_id}, {@code master_id}, ...)
 * @param reason what is wrong, quoting offending values in single quotes
 */
public record ValidationProblem(
        Scope scope, int namespaceId, int mountId, RawString mountpoint, String field, String reason) {

    /** What a problem is about; a mount id or namespace id of 0 can itself be the problem. */
    public enum Scope {
        IMAGE, NAMESPACE, MOUNT
    }

    public ValidationProblem {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }

    public static ValidationProblem ofImage(String field, String reason) {
        return new ValidationProblem(Scope.IMAGE, 0, 0, null, field, reason);
    }

    public static ValidationProblem ofNamespace(int namespaceId, String field, String reason) {
        return new ValidationProblem(Scope.NAMESPACE, namespaceId, 0, null, field, reason);
    }

    public static ValidationProblem ofMount(
            int namespaceId, int mountId, RawString mountpoint, String field, String reason) {
        return new ValidationProblem(Scope.MOUNT, namespaceId, mountId, mountpoint, field, reason);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        if (scope == Scope.IMAGE) {
            out.append("image");
        } else {
            out.append("namespace ").append(namespaceId);
        }
        if (scope == Scope.MOUNT) {
            out.append(", mount ").append(mountId);
            if (mountpoint != null) {
                out.append(' ').append(Quote.of(mountpoint));
            }
        }
        return out.append(", ").append(field).append(": ").append(reason).toString();
    }
}
