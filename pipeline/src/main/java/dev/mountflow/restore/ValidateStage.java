package dev.mountflow.restore;

import dev.mountflow.engine.RestoreContext;
import dev.mountflow.engine.Stage;
import dev.mountflow.model.MountImage;
import dev.mountflow.validate.ImageValidator;

/**
 * The engine's {@code validate} preceded by the runner's own checks, all before any namespace or
 * mount exists (DESIGN §7.1): the whole image graph as dumped, and whether {@code publish} will
 * be able to do what was asked. (Plugins check their own input in hooks before this stage.)
 */
final class ValidateStage implements Stage {
    private final Stage engineValidate;
    private final PublishStage publish;
    private final MountImage image;

    ValidateStage(Stage engineValidate, PublishStage publish, MountImage image) {
        this.engineValidate = engineValidate;
        this.publish = publish;
        this.image = image;
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
        new ImageValidator().validate(image);
        publish.preflight(image);
        engineValidate.run(context);
    }
}
