package dev.mountflow.dump;

/**
 * What to dump.
 *
 * @param pid the process whose mount namespace is the image's root namespace
 * @param tree whether to add every distinct mount namespace among the process's descendants
 */
public record DumpRequest(long pid, boolean tree) {
}
