package dev.mountflow.restore.testengine;

import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.Stage;

/**
 * A test stage that runs another stage under its id and then does something more: inject a
 * failure, push a failing undo. Subclasses say only what they add.
 */
public abstract class StageAround implements Stage {
    private final Stage delegate;

    protected StageAround(Stage delegate) {
        this.delegate = delegate;
    }

    @Override
    public final String id() {
        return delegate.id();
    }

    @Override
    public final String leavesBehind() {
        return delegate.leavesBehind();
    }

    @Override
    public final void run(RestoreContext context) throws Exception {
        delegate.run(context);
        after(context);
    }

    /** What happens once the wrapped stage has run. */
    protected abstract void after(RestoreContext context) throws Exception;
}
