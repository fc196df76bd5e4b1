package dev.mountflow.error;

/** An image file or directory that cannot be read as a mountflow/CRIU image. */
public class ImageFormatException extends InputException {
    public ImageFormatException(String message) {
        super(message);
    }

    public ImageFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
