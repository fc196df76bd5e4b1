package dev.mountflow.bench;

import dev.mountflow.model.MountImage;

/**
 * One way of restoring an image, as the benchmark times it: the product's pipeline once it is
 * plugged in, {@link DirectSyscallRestorer} until then.
 *
 * <p>Contract: {@link #restore} rebuilds every namespace of the image in namespaces of its own,
 * never the caller's; checks that what it built equals the image (failing otherwise, so a fast
 * wrong restore cannot win); releases all of it before returning, outside the timed stages; and
 * returns the wall time of each stage it ran.
 */
public interface Restorer {
    /** A short name for the report, e.g. {@code v2} or {@code direct-syscall}. */
    String name();

    StageTimes restore(MountImage image) throws Exception;
}
