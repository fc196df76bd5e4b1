package dev.mountflow.enginev2;

import dev.mountflow.model.Mount;
import dev.mountflow.model.RawString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the stages of one v2 restore hand to each other: the plan, the namespace threads and
 * work areas, the source and mount fds, the deleted roots recreated for cloning. Every resource
 * in here is also on the context's rollback stack.
 */
final class V2Restore {
    /** A deleted mount root the restore recreated so it could be cloned; removed again at cleanup. */
    record RecreatedRoot(V2Source source, RawString path, Mount mount) {
    }

    V2Plan plan;
    V2Fds fds;
    /** The extra namespace holding the sources (and sharing helpers): never part of the result. */
    V2WorkArea work;
    final Map<Integer, V2WorkArea> areas = new LinkedHashMap<>();
    final Map<V2Source, V2Fds.Owned> sourceFds = new HashMap<>();
    final Map<Integer, V2Fds.Owned> mountFds = new HashMap<>();
    final List<RecreatedRoot> recreated = new ArrayList<>();

    int mountFd(Mount m) {
        return mountFds.get(m.id()).fd();
    }

    V2WorkArea area(Mount m) {
        return areas.get(plan.namespaceOf(m));
    }
}
