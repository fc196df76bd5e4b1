package dev.mountflow.error;

/**
 * Bad input from the user or an image: the command cannot go on and nothing was changed.
 * The CLI turns it into exit code 2 and prints {@link #getMessage()} as one line.
 */
public class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
