package dev.mountflow.validate;

import dev.mountflow.model.Mount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gathers the checks' findings and puts them in the validator's order. Checks run one after the
 * other and the sort is stable, so for one mount the problems keep the order of the checks.
 */
final class ProblemCollector {
    private static final int WHOLE = -1;
    private static final Comparator<Entry> ORDER =
            Comparator.comparingInt(Entry::namespace).thenComparingInt(Entry::mount);

    private record Entry(int namespace, int mount, ValidationProblem problem) {
    }

    private final ImageIndex index;
    private final List<Entry> entries = new ArrayList<>();

    ProblemCollector(ImageIndex index) {
        this.index = index;
    }

    void image(String field, String reason) {
        entries.add(new Entry(WHOLE, WHOLE, ValidationProblem.ofImage(field, reason)));
    }

    void namespace(int position, String field, String reason) {
        int id = index.namespaces().get(position).id();
        entries.add(new Entry(position, WHOLE, ValidationProblem.ofNamespace(id, field, reason)));
    }

    void mount(MountRef ref, String field, String reason) {
        int id = index.namespaces().get(ref.namespace()).id();
        Mount mount = index.mount(ref);
        entries.add(new Entry(ref.namespace(), ref.index(),
                ValidationProblem.ofMount(id, mount.id(), mount.mountpoint(), field, reason)));
    }

    List<ValidationProblem> problems() {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(ORDER);
        return sorted.stream().map(Entry::problem).toList();
    }
}
