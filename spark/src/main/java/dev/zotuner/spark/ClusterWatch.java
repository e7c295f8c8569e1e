package dev.zotuner.spark;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The driver's watch over a cluster application: a daemon thread that, whenever the application has no executor, looks
 * for why and gives up — stopping the application, so that its jobs fail and the command stops waiting and says why in
 * one line — when the answer is definite: the standalone master has no worker that could hold an executor
 * ({@link MasterView#problem}), {@value #EXITS} executors in a row ended before registering ({@link SchedulerLog}),
 * or {@code spark.zo.executorTimeout} (default 120 s) passed without any. Spark itself would wait for resources, and
 * relaunch failing executors, forever. Local masters need no watch.
 *
 * <p>Owns its thread and the scheduler log ({@link #close} ends both); borrows the context.
 */
final class ClusterWatch implements AutoCloseable {

    /** Spark configuration key of the patience without executors. */
    static final String TIMEOUT_KEY = "spark.zo.executorTimeout";
    /** Executors ended while the application has none, after which executors are taken not to start at all. */
    static final int EXITS = 3;
    private static final long POLL_MILLIS = 250;
    private static final long QUERY_NANOS = 1_000_000_000L;

    private final JavaSparkContext sc;
    private final Optional<StandaloneMaster> master;
    private final SchedulerLog log;
    private final int memoryMiB;
    private final int cores;
    private final long patienceNanos;
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean closed;

    private ClusterWatch(JavaSparkContext sc, Optional<StandaloneMaster> master, SchedulerLog log) {
        this.sc = sc;
        this.master = master;
        this.log = log;
        this.memoryMiB = sc.sc().executorMemory();
        this.cores = sc.getConf().getInt("spark.executor.cores", 1);
        this.patienceNanos = sc.getConf().getTimeAsSeconds(TIMEOUT_KEY, "120s") * 1_000_000_000L;
        this.thread = new Thread(this::watch, "zo-cluster-watch");
        thread.setDaemon(true);
    }

    /** Starts watching {@code sc}, whose master is {@code url}; takes over {@code log}. */
    static ClusterWatch start(JavaSparkContext sc, String url, SchedulerLog log) {
        ClusterWatch w = new ClusterWatch(sc, StandaloneMaster.of(url), log);
        w.thread.start();
        return w;
    }

    /** Why the application cannot run its work, once the watch gave up or the context stopped; else empty. */
    Optional<String> failure() {
        if (failure.get() == null && sc.sc().isStopped()) {
            failure.compareAndSet(null, log.killed().map(r -> "the master ended the application: " + r
                    + log.lastRemoval().map(x -> " (its executors: " + x + ")").orElse(""))
                    .orElse("the Spark application stopped (the driver lost the cluster; ZO_DEBUG=1 shows Spark's log)"));
        }
        return Optional.ofNullable(failure.get());
    }

    /** Executors registered with the driver (the status tracker lists the driver too). */
    int executors() {
        return Math.max(0, sc.statusTracker().getExecutorInfos().length - 1);
    }

    private void watch() {
        long withoutSince = System.nanoTime();
        int exitsBefore = 0;
        long lastQuery = 0;
        while (!closed) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (closed || failure().isPresent()) {
                return;
            }
            long now = System.nanoTime();
            if (executors() > 0) {
                withoutSince = now;
                exitsBefore = log.removedExecutors();
                continue;
            }
            Optional<String> problem = Optional.empty();
            if (master.isPresent() && now - lastQuery >= QUERY_NANOS) {
                lastQuery = now;
                problem = master.get().view(sc.sc().env(), 5).flatMap(v -> v.problem(memoryMiB, cores))
                        .map(p -> master.get().url() + ": " + p);
            }
            int exits = log.removedExecutors() - exitsBefore;
            if (problem.isEmpty() && exits >= EXITS) {
                problem = Optional.of("executors cannot start: " + exits + " ended before registering with this driver ("
                        + log.lastRemoval().orElse("") + "); the workers' work/" + sc.sc().applicationId()
                        + "/*/stderr say why");
            }
            if (problem.isEmpty() && now - withoutSince > patienceNanos) {
                problem = Optional.of(String.format(Locale.ROOT, "no executor registered within %d s (%s); the cluster "
                        + "has no room for an executor of %d MiB and %d core(s), or executors cannot reach this driver",
                        patienceNanos / 1_000_000_000L, TIMEOUT_KEY, memoryMiB, cores));
            }
            if (problem.isPresent()) {
                give(problem.get());
                return;
            }
        }
    }

    /**
     * Records {@code reason} (the first wins) and stops the application: the jobs waiting for executors fail, and so do
     * jobs submitted later (a cancellation would miss those).
     */
    private void give(String reason) {
        if (failure.compareAndSet(null, reason) && !sc.sc().isStopped()) {
            sc.stop();
        }
    }

    @Override
    public void close() {
        closed = true;      // no interrupt: the thread may be stopping the context, which must not be cut short
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            log.close();
        }
    }
}
