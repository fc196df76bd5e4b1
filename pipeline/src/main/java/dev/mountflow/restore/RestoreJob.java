package dev.mountflow.restore;

import dev.mountflow.engine.RestoreRequest;
import dev.mountflow.model.MountImage;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One restore to run.
 *
 * @param image the image, not yet validated
 * @param imageDir where the image was read from, for the report
 * @param request the operator's root, externals and mountpoint choice
 * @param publication what {@code publish} does
 * @param reportFile where the JSON report goes, success or not; null for none
 */
public record RestoreJob(MountImage image, Path imageDir, RestoreRequest request, Publication publication,
                         Path reportFile) {
    public RestoreJob {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(publication, "publication");
    }

    public Optional<Path> report() {
        return Optional.ofNullable(reportFile);
    }
}
