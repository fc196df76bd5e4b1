package dev.mountflow.validate;

import dev.mountflow.model.Mount;

/**
 * Every mount names a filesystem type. The image codec turns an fstype code it does not know into
 * {@code unknown:<code>}; such a mount cannot be recreated.
 */
final class FsTypeCheck implements Check {
    static final String UNKNOWN_PREFIX = "unknown:";

    @Override
    public void run(ImageIndex index, ProblemCollector out) {
        for (NamespaceIndex ns : index.namespaces()) {
            for (int i = 0; i < ns.size(); i++) {
                String fstype = ns.mount(i).fstype();
                if (fstype.isEmpty()) {
                    out.mount(ns.ref(i), "fstype", "the filesystem type is empty");
                } else if (fstype.startsWith(UNKNOWN_PREFIX)) {
                    out.mount(ns.ref(i), "fstype", unknown(fstype));
                }
            }
        }
    }

    private static String unknown(String fstype) {
        String code = fstype.substring(UNKNOWN_PREFIX.length());
        return code.matches("[0-9]{1,10}")
                ? "code " + code + " is not a filesystem type CRIU knows"
                : Quote.of(fstype) + " is not a filesystem type CRIU knows";
    }
}
