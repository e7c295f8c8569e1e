package dev.zotuner.tuner.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs a {@code zo} command line in a fresh JVM started as {@code scripts/zo} starts one: the same Java, the same
 * class path, {@code ZO_JAVA_OPTS} (default {@code -Xmx8g}), {@code --add-modules jdk.incubator.vector
 * -Dai.djl.offline=true}, and {@code OPT_OUT_TRACKING=true} and {@link #MALLOC} in the environment. Its stdout and stderr go to files.
 * While it runs its {@code VmHWM} is polled from {@code /proc/<pid>/status}, so a child that dies without reporting
 * still leaves a lower bound of its peak. A child running past the timeout is killed (only that process). A stop
 * request of this process ends the child as the user would: SIGTERM (a {@code zo} command stops gracefully), and
 * SIGKILL if it has not exited {@link #STOP_GRACE_SECONDS} later.
 *
 * @param java        the {@code java} executable
 * @param jvmOptions  options before the fixed ones (heap size)
 * @param classPath   the class path
 * @param timeoutSeconds the longest a child may run
 */
public record ChildJvm(Path java, List<String> jvmOptions, String classPath, double timeoutSeconds) {

    /** The entry point every child runs. */
    public static final String MAIN = "dev.zotuner.tuner.cli.ZoCommand";
    /** The options {@code scripts/zo} always adds. */
    /** glibc malloc settings {@code scripts/zo} exports (unless set): large freed blocks go back to the system. */
    public static final Map<String, String> MALLOC = Map.of("MALLOC_MMAP_THRESHOLD_", "131072",
            "MALLOC_TRIM_THRESHOLD_", "131072");

    public static final List<String> FIXED_OPTIONS = List.of("-XX:MaxDirectMemorySize=1t", "--add-modules", "jdk.incubator.vector",
            "-Dai.djl.offline=true", "-Dslf4j.internal.verbosity=ERROR");
    private static final long POLL_MILLIS = 200;
    /** How long a child has to exit after SIGTERM before it is killed. */
    public static final long STOP_GRACE_SECONDS = 60;

    public ChildJvm {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * What a child did.
     *
     * @param exitCode      its exit status (−1 if killed for the timeout)
     * @param timedOut      whether it was killed for running too long
     * @param seconds       wall time from start to exit
     * @param polledPeakKib the largest VmHWM seen while polling (0 if never read)
     */
    public record Run(int exitCode, boolean timedOut, double seconds, long polledPeakKib) {
    }

    /** A launcher like this JVM's: its {@code java}, its class path, {@code ZO_JAVA_OPTS} or {@code -Xmx8g}. */
    public static ChildJvm likeThisOne(String zoJavaOpts, double timeoutSeconds) {
        String opts = zoJavaOpts == null || zoJavaOpts.isBlank() ? "-Xmx8g" : zoJavaOpts.strip();
        return new ChildJvm(Path.of(System.getProperty("java.home"), "bin", "java"), Arrays.asList(opts.split("\\s+")),
                System.getProperty("java.class.path"), timeoutSeconds);
    }

    /** The full command line of a child running {@code zo args...}. */
    public List<String> command(List<String> zoArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(FIXED_OPTIONS);
        cmd.addAll(List.of("-cp", classPath, MAIN));
        cmd.addAll(zoArgs);
        return cmd;
    }

    /** Runs {@code zo args...} and waits for it (or kills it at the timeout). */
    public Run run(List<String> zoArgs, Path stdout, Path stderr) {
        return run(zoArgs, stdout, stderr, () -> false);
    }

    /**
     * As {@link #run(List, Path, Path)}, asking {@code stop} at every poll: once it is true the child is ended (see the
     * class comment) and this throws {@link CancellationException}.
     */
    public Run run(List<String> zoArgs, Path stdout, Path stderr, BooleanSupplier stop) {
        ProcessBuilder pb = new ProcessBuilder(command(zoArgs)).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().put("OPT_OUT_TRACKING", "true");
        MALLOC.forEach(pb.environment()::putIfAbsent);
        long t0 = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + java + " (" + e.getMessage() + ")", e);
        }
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        long peak = 0;
        long deadline = t0 + (long) (timeoutSeconds * 1e9);
        try {
            while (!p.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                peak = Math.max(peak, polledPeak(status));
                if (stop.getAsBoolean()) {
                    p.destroy();
                    if (!p.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                        p.destroyForcibly().waitFor();
                    }
                    throw new CancellationException("stopped: ended the child running zo " + String.join(" ", zoArgs));
                }
                if (System.nanoTime() > deadline) {
                    p.destroyForcibly().waitFor();
                    return new Run(-1, true, (System.nanoTime() - t0) / 1e9, peak);
                }
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a child JVM", e);
        }
        return new Run(p.exitValue(), false, (System.nanoTime() - t0) / 1e9, peak);
    }

    private static long polledPeak(Path status) {
        try {
            return ResidentMemory.parse(Files.readString(status)).peakKib();
        } catch (IOException | IllegalArgumentException e) {
            return 0;       // the process is exiting, or not Linux
        }
    }
}
