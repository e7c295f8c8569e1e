package dev.zotuner.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs a sweep's {@link RunTask}s on a {@link SparkApp}, one Spark job each, as many at a time as the application has
 * task slots, printing a line per finished run. A run's own failure (after Spark's retries) is listed and the others go
 * on; a failure every run would meet ({@link SparkApp#systemic}: no executors, missing classes, the application ended)
 * cancels the rest and ends the sweep with one line ({@link ClusterException}). A stop request (SIGTERM/SIGINT) cancels
 * the jobs — each run then stops at its next step, resumably ({@link RunTask}) — and waits for the running tasks to end.
 *
 * <p>Owns its job threads; borrows the application.
 */
final class SweepRunner {

    /** How long a stopped sweep waits for its running tasks to reach a step boundary. */
    static final long STOP_WAIT_SECONDS = 60;

    /** Polls (100 ms apart) that must find nothing running before a stopped sweep returns. */
    static final int QUIET_POLLS = 10;

    private final SparkApp app;
    private final PrintWriter err;
    private final BooleanSupplier stop;

    SweepRunner(SparkApp app, PrintWriter err, BooleanSupplier stop) {
        this.app = app;
        this.err = err;
        this.stop = stop;
    }

    /**
     * Runs {@code tasks}; returns the failed runs as {@code name: cause} lines (empty when all finished), or null when a
     * stop request ended the sweep early.
     */
    List<String> run(List<RunTask> tasks) throws InterruptedException {
        try {
            return runAll(tasks);
        } catch (RuntimeException e) {       // e.g. the context stopped under us: say why it did
            throw app.systemic(e).<RuntimeException>map(ClusterException::new).orElse(e);
        }
    }

    private List<String> runAll(List<RunTask> tasks) throws InterruptedException {
        int parallel = Math.max(1, Math.min(tasks.size(), app.sc().defaultParallelism()));
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "zo-sweep-job");
            t.setDaemon(true);
            return t;
        });
        List<String> failures = new ArrayList<>();
        try {
            CompletionService<RunTask.Outcome> done = new ExecutorCompletionService<>(pool);
            List<Future<RunTask.Outcome>> futures = new ArrayList<>();
            for (RunTask t : tasks) {
                futures.add(done.submit(() -> app.sc().parallelize(List.of(t), 1).map(RunTask::execute).collect().get(0)));
            }
            for (int finished = 0; finished < tasks.size(); ) {
                if (stop.getAsBoolean()) {
                    stopRunning(tasks);
                    return null;
                }
                Future<RunTask.Outcome> f = done.poll(200, TimeUnit.MILLISECONDS);
                if (f == null) {
                    continue;
                }
                RunTask task = tasks.get(futures.indexOf(f));
                String line;
                try {
                    RunTask.Outcome o = f.get();
                    line = String.format(Locale.ROOT, "%s%s in %.1f s", o.status(),
                            o.attempt() > 0 ? " (attempt " + (o.attempt() + 1) + ")" : "", o.seconds());
                } catch (ExecutionException e) {
                    if (stop.getAsBoolean()) {
                        continue;       // cancelled by the stop: the loop's next turn ends the sweep
                    }
                    String systemic = app.systemic(e.getCause()).orElse(null);
                    if (systemic != null) {
                        app.sc().cancelAllJobs();
                        throw new ClusterException(systemic);
                    }
                    String cause = SparkApp.firstLine(e.getCause());
                    failures.add(task.name() + ": " + cause);
                    line = "failed: " + cause;
                }
                finished++;
                err.printf(Locale.ROOT, "zo sweep: [%d/%d] %s: %s%n", finished, tasks.size(), task.name(), line);
                err.flush();
            }
            return failures;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Cancels every job and waits (bounded) until, for {@link #QUIET_POLLS} polls in a row, no task runs and every run's
     * log has its attempt's last line: each run stops at a step boundary, resumably. Spark counts a cancelled task as
     * ended before its thread has written its last lines, so the logs are what is waited for; and a task being launched
     * as the jobs are cancelled shows as running only a moment later, so one quiet poll is not enough.
     */
    private void stopRunning(List<RunTask> tasks) throws InterruptedException {
        app.sc().cancelAllJobs();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_WAIT_SECONDS);
        int quiet = 0;
        while (quiet < QUIET_POLLS && System.nanoTime() < deadline) {
            boolean busy = running() > 0 || tasks.stream().anyMatch(t -> RunTask.attemptOpen(Path.of(t.log())));
            quiet = busy ? 0 : quiet + 1;
            Thread.sleep(100);
        }
    }

    /** Tasks running on the application's executors (the driver's own, in local mode). */
    private int running() {
        int n = 0;
        for (var e : app.sc().statusTracker().getExecutorInfos()) {
            n += e.numRunningTasks();
        }
        return n;
    }
}
