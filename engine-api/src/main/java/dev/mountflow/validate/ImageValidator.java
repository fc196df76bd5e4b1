package dev.mountflow.validate;

import dev.mountflow.model.MountImage;
import java.util.List;

/**
 * The {@code validate} stage's judge: finds every defect of an untrusted image before anything
 * touches the system (DESIGN.md §7.1). Time and memory are linear, or n·log n, in the number of
 * mounts, and no check recurses, so a crafted 100,000-deep tree cannot overflow the stack.
 *
 * <p>Problems come in a stable order: image-wide ones first, then by namespace order, each
 * namespace's own problems before its mounts', mounts in image order, and for one mount in the
 * order of the checks below.
 */
public final class ImageValidator {
    private static final List<Check> CHECKS = List.of(
            new NamespaceIdsCheck(),
            new MountCountCheck(),
            new MountIdsCheck(),
            new RootMountCheck(),
            new ParentCycleCheck(),
            new PathSyntaxCheck(),
            new MountpointPlacementCheck(),
            new KernelLimitsCheck(),
            new FsTypeCheck(),
            new MasterCheck(),
            new MasterCycleCheck(),
            new SuperblockCheck());

    /** Every problem of {@code image}; empty when it is valid. */
    public List<ValidationProblem> problems(MountImage image) {
        ImageIndex index = new ImageIndex(image);
        ProblemCollector out = new ProblemCollector(index);
        for (Check check : CHECKS) {
            check.run(index, out);
        }
        return out.problems();
    }

    /** Returns normally for a valid image; otherwise throws naming every problem. */
    public void validate(MountImage image) {
        List<ValidationProblem> problems = problems(image);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }
}
