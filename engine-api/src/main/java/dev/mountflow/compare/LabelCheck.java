package dev.mountflow.compare;

import java.util.List;
import java.util.Objects;

/** Every label field but the mountpoint, on which the pair was matched; in {@link MountLabel}'s order. */
final class LabelCheck implements PairCheck {
    @Override
    public void check(int step, Pairing pairing, List<Difference> out) {
        MountLabel e = pairing.expected().mount(step).label();
        MountLabel a = pairing.actual().mount(step).label();
        field(step, pairing, out, DifferenceKind.ROOT, e.root(), a.root());
        field(step, pairing, out, DifferenceKind.FSTYPE, e.fstype(), a.fstype());
        field(step, pairing, out, DifferenceKind.SOURCE, e.source(), a.source());
        if (e.flags() != a.flags()) {
            out.add(pairing.difference(step, DifferenceKind.MOUNT_FLAGS,
                    MountText.mountFlags(e.flags()), MountText.mountFlags(a.flags())));
        }
        if (e.superFlags() != a.superFlags()) {
            out.add(pairing.difference(step, DifferenceKind.SUPERBLOCK_FLAGS,
                    MountText.superblockFlags(e.superFlags()), MountText.superblockFlags(a.superFlags())));
        }
        field(step, pairing, out, DifferenceKind.SUPERBLOCK_OPTIONS, e.options(), a.options());
        if (e.unbindable() != a.unbindable()) {
            out.add(pairing.difference(step, DifferenceKind.UNBINDABLE,
                    MountText.yesNo(e.unbindable()), MountText.yesNo(a.unbindable())));
        }
        if (e.deleted() != a.deleted()) {
            out.add(pairing.difference(step, DifferenceKind.DELETED,
                    MountText.yesNo(e.deleted()), MountText.yesNo(a.deleted())));
        }
    }

    private static void field(int step, Pairing pairing, List<Difference> out, DifferenceKind kind,
            Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            out.add(pairing.difference(step, kind, expected.toString(), actual.toString()));
        }
    }
}
