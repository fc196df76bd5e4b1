package dev.mountflow.propertytests;

/**
 * An operation of a recipe that took effect, as the command a shell would have run.
 *
 * @param index its position in the recipe
 * @param op the operation
 * @param ns the namespace it was applied in (0 is the recipe's first namespace)
 * @param command what it did, e.g. {@code mkdir -p /a; mount -t tmpfs t0 /a}
 */
record AppliedOp(int index, Op op, int ns, String command) {
    /** The command with its namespace, for listings: {@code [ns 1] mount --make-slave /a}. */
    String line() {
        return ns == 0 ? command : "[ns " + ns + "] " + command;
    }
}
