package dev.mountflow.restore.testengine;

import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A stage that does its delegate's work and then fails, as a bug after the fact would. */
public final class FailAfter extends StageAround {
    private FailAfter(Stage delegate) {
        super(delegate);
    }

    /** An edit of an engine's stage list that makes stage {@code id} fail after its work. */
    public static UnaryOperator<List<Stage>> stage(String id) {
        return stages -> {
            List<Stage> out = new ArrayList<>();
            for (Stage s : stages) {
                out.add(s.id().equals(id) ? new FailAfter(s) : s);
            }
            return out;
        };
    }

    @Override
    protected void after(RestoreContext context) {
        throw new IllegalStateException("injected failure after " + id());
    }
}
