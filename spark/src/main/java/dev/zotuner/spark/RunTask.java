package dev.zotuner.spark;

import dev.zotuner.tuner.cli.FineTuneCommand;
import dev.zotuner.tuner.run.RunDirectory;
import dev.zotuner.tuner.rundir.RunDirectoryException;
import dev.zotuner.tuner.rundir.RunSummary;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;

/**
 * One sweep run as a Spark task: the same code as {@code zo finetune} ({@link FineTuneCommand#run}) in the executor,
 * into an ordinary run directory. A finished run (its {@code summary.json}) is skipped; a started one is resumed
 * ({@code --resume DIR}: newest snapshot plus replay), so a retried task continues where the failed attempt stopped.
 * Output and progress go to {@code logs/<name>.log} under the sweep root, one block per attempt. The run's model is
 * released before the executor's next task ({@link #releaseModel}).
 *
 * @param name          the run's name
 * @param dir           its run directory (a path every executor sees)
 * @param arguments     the finetune arguments of a new run, without {@code --run-dir}
 * @param resumeOptions options a resumed run needs again (e.g. {@code --cache-dir}), not kept in config.json
 * @param log           the log file
 * @param failFirstAttemptAfter test hook: a first attempt stops (resumably) after this step and fails; 0 = never
 */
public record RunTask(String name, String dir, List<String> arguments, List<String> resumeOptions, String log,
                      long failFirstAttemptAfter) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How the task ended: {@code completed}, {@code diverged}, or {@code skipped} (it had finished before). */
    public record Outcome(String name, String status, int attempt, double seconds) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Starts the log's last line of an attempt that ended (the driver of a stopped sweep waits for it). */
    static final String ENDED = "== ended attempt ";

    /**
     * Whether the log at {@code log} has an attempt that started and has not ended: its task is still writing (a
     * stopped sweep waits for it, so that the run's last lines are not cut off by the driver's exit).
     */
    static boolean attemptOpen(Path log) {
        if (!Files.isRegularFile(log)) {
            return false;
        }
        try {
            boolean open = false;
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith(ENDED)) {
                    open = false;
                } else if (line.startsWith("== attempt ")) {
                    open = true;
                }
            }
            return open;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs (or skips, or resumes) the run; a failure throws, so Spark retries the task. */
    public Outcome execute() {
        Path d = Path.of(dir);
        TaskContext context = TaskContext.get();
        int attempt = context == null ? 0 : context.attemptNumber();
        String finished = status(d);
        if (finished != null) {
            return new Outcome(name, "skipped", attempt, 0);
        }
        long started = System.nanoTime();
        boolean resume = RunDirectory.hasLogged(d);
        List<String> args = new ArrayList<>();
        if (resume) {
            args.addAll(List.of("--resume", dir));
            args.addAll(resumeOptions);
        } else {
            args.addAll(arguments);
            args.addAll(List.of("--run-dir", dir));
        }
        boolean inject = failFirstAttemptAfter > 0 && attempt == 0;
        if (inject) {
            args.addAll(List.of("--stop-after", Long.toString(failFirstAttemptAfter)));
        }
        int exit;
        try {
            Files.createDirectories(Path.of(log).getParent());
            try (PrintStream out = new PrintStream(new FileOutputStream(log, true), true, StandardCharsets.UTF_8)) {
                out.println("== attempt " + (attempt + 1) + ": zo finetune " + String.join(" ", args));
                // a cancelled job (a stopped sweep) marks its task interrupted: the run stops at its next step
                try {
                    exit = FineTuneCommand.run(args, out, () -> context != null && context.isInterrupted());
                } finally {
                    out.println(ENDED + (attempt + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(log + ": " + e.getMessage(), e);
        } finally {
            releaseModel();
        }
        if (inject) {
            throw new IllegalStateException(name + ": injected failure after step " + failFirstAttemptAfter);
        }
        String status = status(d);
        if (exit != 0 && !"diverged".equals(status)) {
            throw new IllegalStateException(name + ": zo finetune exited with " + exit + " (see " + log + ")");
        }
        return new Outcome(name, status == null ? "stopped" : status, attempt, (System.nanoTime() - started) / 1e9);
    }

    /**
     * Gives the closed run's memory back before the executor's next run: its weights, frozen-prefix cache and output
     * buffers are direct buffers, freed only once a collection finds them unreachable — which, with a large heap and
     * little garbage, may be several runs later (peak RSS grew by about a model per run). A full collection here keeps
     * an executor that runs many sweep runs at the peak of one.
     */
    private static void releaseModel() {
        System.gc();
    }

    /** {@code summary.json}'s status, or null when the run has not finished (or a killed attempt left it half-written). */
    static String status(Path dir) {
        Path file = dir.resolve(RunSummary.FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return RunSummary.read(file).status();
        } catch (RunDirectoryException e) {
            return null;    // half-written by a killed attempt: run it again
        }
    }
}
