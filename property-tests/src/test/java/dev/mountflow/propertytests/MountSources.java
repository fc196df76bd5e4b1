package dev.mountflow.propertytests;

import dev.mountflow.model.MountImage;
import org.quicktheories.core.Gen;

/**
 * The sources of the mount properties, named after the domain, as QuickTheories' own
 * {@code SourceDSL}: {@link #mountRecipes()} for layouts built on the kernel,
 * {@link #mountForests()} and {@link #sharingTopologies()} for images that never touch it.
 */
final class MountSources {
    private MountSources() {
    }

    /** Recipes of mount operations, applied for real by {@link RecipeBuild}; see {@link MountRecipes}. */
    static Gen<Recipe> mountRecipes() {
        return MountRecipes.recipes();
    }

    /** Valid images of one to three namespaces with sharing, as dumps are; see {@link MountForests}. */
    static Gen<MountImage> mountForests() {
        return MountForests.forests();
    }

    /** Peer groups, masters and unbindable marks that fit any forest; see {@link SharingTopology}. */
    static Gen<SharingTopology> sharingTopologies() {
        return MountForests.sharingTopologies();
    }
}
