package dev.mountflow.validate;

/** The image must fit under the kernel's mount limit, or restore fails half-way with ENOSPC. */
final class MountCountCheck implements Check {
    @Override
    public void run(ImageIndex index, ProblemCollector out) {
        int count = index.image().mountCount();
        if (count > KernelLimits.MOUNT_MAX) {
            out.image("mounts", "the image holds " + count + " mounts, more than the "
                    + KernelLimits.MOUNT_MAX + " that fs.mount-max allows by default");
        }
    }
}
