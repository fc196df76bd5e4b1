package dev.mountflow.restore;

import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.Stage;
import dev.mountflow.validate.ImageValidator;

/**
 * The engine's {@code validate} preceded by the runner's own checks, all before any namespace or
 * mount exists (DESIGN §7.1): the whole image graph, the external mappings, and whether
 * {@code publish} will be able to do what was asked.
 */
final class ValidateStage implements Stage {
    private final Stage engineValidate;
    private final PublishStage publish;

    ValidateStage(Stage engineValidate, PublishStage publish) {
        this.engineValidate = engineValidate;
        this.publish = publish;
    }

    @Override
    public String id() {
        return engineValidate.id();
    }

    @Override
    public String leavesBehind() {
        return engineValidate.leavesBehind();
    }

    @Override
    public void run(RestoreContext context) throws Exception {
        new ImageValidator().validate(context.image());
        new ExternalsCheck().check(context.image(), context.request());
        publish.preflight(context.image());
        engineValidate.run(context);
    }
}
