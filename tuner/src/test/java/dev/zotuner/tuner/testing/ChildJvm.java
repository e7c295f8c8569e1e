package dev.zotuner.tuner.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A JVM started as a separate process for tests that need a real one: signals, cluster daemons, the built CLI. Its
 * stdout and stderr go to files in its working directory ({@code out.txt}, {@code err.txt}), read at any time.
 *
 * <p>Owns the process: {@link #close()} kills it and everything it started, if still running.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Path dir;

    private ChildJvm(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    /**
     * Starts {@code java [jvmOptions] -cp classPath mainClass args} in {@code dir} with {@code env} added to this
     * JVM's environment.
     */
    public static ChildJvm start(Path dir, String classPath, List<String> jvmOptions, String mainClass, List<String> args,
                                 Map<String, String> env) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classPath, mainClass));
        cmd.addAll(args);
        try {
            Files.createDirectories(dir);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
            pb.environment().putAll(env);
            return new ChildJvm(pb.start(), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The built {@code zo} CLI ({@code ZoCommand}) with the JVM options {@code scripts/zo} gives it. */
    public static ChildJvm zo(Path dir, String classPath, List<String> extraJvmOptions, List<String> args) {
        List<String> options = new ArrayList<>(List.of("-Xmx1g", "--add-modules", "jdk.incubator.vector",
                "-Dai.djl.offline=true", "-Dslf4j.internal.verbosity=ERROR"));
        options.addAll(extraJvmOptions);
        return start(dir, classPath, options, "dev.zotuner.tuner.cli.ZoCommand", args, Map.of("OPT_OUT_TRACKING", "true"));
    }

    /** The process id. */
    public long pid() {
        return process.pid();
    }

    /** The working directory. */
    public Path dir() {
        return dir;
    }

    /** What the process wrote to stdout so far. */
    public String out() {
        return read(dir.resolve("out.txt"));
    }

    /** What the process wrote to stderr so far. */
    public String err() {
        return read(dir.resolve("err.txt"));
    }

    /** Sends {@code signal} ({@code TERM}, {@code INT}, {@code KILL}) to the process with {@code kill}. */
    public void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills the process and every process it started (a node going down), at once. */
    public void killTree() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Waits until {@code condition} holds for stderr (true) or {@code timeout} passes or the process ends (false). */
    public boolean awaitErr(Predicate<String> condition, Duration timeout) {
        return await(() -> condition.test(err()), timeout);
    }

    /** Waits until {@code condition} holds (true), or {@code timeout} passes or the process ends (false). */
    public boolean await(java.util.function.BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (!process.isAlive()) {
                return condition.getAsBoolean();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** The exit status once the process ends within {@code timeout}; still running → {@link IllegalStateException}. */
    public int exitWithin(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("still running after " + timeout + "; stderr:\n" + err());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** Whether the process is still running. */
    public boolean alive() {
        return process.isAlive();
    }

    /** The HotSpot crash reports ({@code hs_err_pid*.log}) in the working directory. */
    public List<Path> crashReports() {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("hs_err_pid")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive() || process.descendants().findAny().isPresent()) {
            killTree();
        }
    }
}
