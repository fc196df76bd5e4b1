package dev.mountflow.enginev1;

import dev.mountflow.build.ContentSource;
import dev.mountflow.model.Mount;
import java.util.List;

/** One thing populate-tree does, in the order of {@link V1Plan#steps()}. */
sealed interface V1Step {
    /** Where a mount made by a bind comes from, or {@link Kind#NEW} for a new filesystem. */
    record From(Kind kind, ContentSource source, int group, Mount member) {
        enum Kind {
            /** A new mount of the filesystem, made in place. */
            NEW,
            /** A bind of a path beneath the source: its whole-filesystem mount in the yard, or the host path. */
            SOURCE,
            /** A bind of a path beneath the helper of peer group {@code group}. */
            HELPER,
            /** A bind of a path beneath {@code member}, a member of the peer group it inherits. */
            MEMBER
        }

        static From fresh(ContentSource source) {
            return new From(Kind.NEW, source, 0, null);
        }

        static From source(ContentSource source) {
            return new From(Kind.SOURCE, source, 0, null);
        }

        static From helper(ContentSource source, int group) {
            return new From(Kind.HELPER, source, group, null);
        }

        static From member(ContentSource source, Mount member) {
            return new From(Kind.MEMBER, source, 0, member);
        }
    }

    /** A propagation change ({@code MS_PRIVATE}, {@code MS_SLAVE}, {@code MS_SHARED}) made right after a creation. */
    record Propagation(Mount mount, int type) {
    }

    /** The whole filesystem of a fresh superblock, mounted in the yard for binds to come from. */
    record MountSource(ContentSource source) implements V1Step {
    }

    /**
     * A helper of peer group {@code group}: a bind of the source's root (or of the master group's
     * helper) in the yard, made a slave of the master group if it has one, then shared, so binds
     * from it join the group whatever their roots. It is no part of the result.
     */
    record MountHelper(int group, ContentSource source, int masterGroup) implements V1Step {
    }

    /**
     * One propagation class: {@code origin} created on its parent, and with it the kernel's copies
     * of it on the parent's peers, which are the image's {@code copies}; then the propagation
     * changes that give each the sharing it has during the build.
     */
    record Create(Mount origin, From from, List<Mount> copies, List<Propagation> changes) implements V1Step {
    }
}
