/**
 * The benchmark harness: synthetic mount layouts ({@link dev.mountflow.bench.BenchLayouts}), the
 * raw-syscall floor they are compared with ({@link dev.mountflow.bench.FloorProgram}, built from
 * {@code mountfloor.c}), and {@link dev.mountflow.bench.Bench}, which times a {@link
 * dev.mountflow.bench.Restorer} against the floor.
 */
package dev.mountflow.bench;
