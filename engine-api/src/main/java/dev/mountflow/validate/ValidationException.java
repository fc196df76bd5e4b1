package dev.mountflow.validate;

import dev.mountflow.error.InputException;
import java.util.List;

/**
 * An image that failed validation; nothing on the system was touched. The message's first line
 * counts the problems ({@code image is invalid: 2 problem(s)}), each further line is one
 * {@link ValidationProblem}.
 */
public class ValidationException extends InputException {
    private final List<ValidationProblem> problems;

    public ValidationException(List<ValidationProblem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in the validator's order. */
    public List<ValidationProblem> problems() {
        return problems;
    }

    private static String render(List<ValidationProblem> problems) {
        StringBuilder out = new StringBuilder("image is invalid: ").append(problems.size())
                .append(" problem(s)");
        for (ValidationProblem problem : problems) {
            out.append('\n').append(problem);
        }
        return out.toString();
    }
}
