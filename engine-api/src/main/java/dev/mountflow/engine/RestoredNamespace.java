package dev.mountflow.engine;

import dev.mountflow.spi.NamespaceExecutor;

/**
 * A namespace an engine rebuilt: the image namespace it stands for and the thread that holds it.
 * {@code verify} reads its mountinfo, {@code publish} pins it or runs a command inside.
 */
public record RestoredNamespace(int imageNamespaceId, NamespaceExecutor thread) {
}
