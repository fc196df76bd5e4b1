package dev.mountflow.restore;

import java.util.List;

/** {@code verify} found the restored namespaces different from the image. */
public class ImageMismatchException extends RuntimeException {
    private final List<String> differences;

    public ImageMismatchException(List<String> differences) {
        super("the restored namespaces differ from the image in " + differences.size() + " place(s): "
                + String.join("; ", differences));
        this.differences = List.copyOf(differences);
    }

    public List<String> differences() {
        return differences;
    }
}
