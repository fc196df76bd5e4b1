package dev.mountflow.restore.testengine;

import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A stage that does its delegate's work and then fails, as a bug after the fact would. */
public final class FailAfter implements Stage {
    private final Stage delegate;

    private FailAfter(Stage delegate) {
        this.delegate = delegate;
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
    public String id() {
        return delegate.id();
    }

    @Override
    public String leavesBehind() {
        return delegate.leavesBehind();
    }

    @Override
    public void run(RestoreContext context) throws Exception {
        delegate.run(context);
        throw new IllegalStateException("injected failure after " + delegate.id());
    }
}
