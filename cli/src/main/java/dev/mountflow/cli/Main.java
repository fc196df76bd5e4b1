package dev.mountflow.cli;

/** The {@code mountflow} executable. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(MountflowCommand.commandLine().execute(args));
    }
}
