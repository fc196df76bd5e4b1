package dev.mountflow.validate;

/** One validation rule; reports what it finds and leaves the remaining rules to run. */
interface Check {
    void run(ImageIndex index, ProblemCollector out);
}
