package dev.zotuner.spark;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The driver's watch over a cluster application: a daemon thread that, whenever the application has no executor, asks
 * the standalone master why ({@link MasterView#problem}) and gives up — stopping the application, so that its jobs
 * fail and the command stops waiting and says why in one line — when the answer is definite (no worker large enough, executors that cannot
 * start, the application ended), when the context stopped, or after {@code spark.zo.executorTimeout} (default 120 s)
 * without any executor. Spark itself would wait for resources forever. Local masters need no watch.
 *
 * <p>Owns its thread ({@link #close} ends it); borrows the context.
 */
final class ClusterWatch implements AutoCloseable {

    /** Spark configuration key of the patience without executors. */
    static final String TIMEOUT_KEY = "spark.zo.executorTimeout";
    private static final long POLL_MILLIS = 250;
    private static final long QUERY_NANOS = 1_000_000_000L;

    private final JavaSparkContext sc;
    private final Optional<StandaloneMaster> master;
    private final int memoryMiB;
    private final int cores;
    private final long patienceNanos;
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean closed;

    private ClusterWatch(JavaSparkContext sc, Optional<StandaloneMaster> master) {
        this.sc = sc;
        this.master = master;
        this.memoryMiB = sc.sc().executorMemory();
        this.cores = sc.getConf().getInt("spark.executor.cores", 1);
        this.patienceNanos = sc.getConf().getTimeAsSeconds(TIMEOUT_KEY, "120s") * 1_000_000_000L;
        this.thread = new Thread(this::watch, "zo-cluster-watch");
        thread.setDaemon(true);
    }

    /** Starts watching {@code sc}, whose master is {@code url}. */
    static ClusterWatch start(JavaSparkContext sc, String url) {
        ClusterWatch w = new ClusterWatch(sc, StandaloneMaster.of(url));
        w.thread.start();
        return w;
    }

    /** Why the application cannot run its work, once the watch gave up or the context stopped; else empty. */
    Optional<String> failure() {
        if (failure.get() == null && sc.sc().isStopped()) {
            failure.compareAndSet(null, "the Spark application stopped (the master removed it, or the driver lost the "
                    + "cluster; ZO_DEBUG=1 shows Spark's log)");
        }
        return Optional.ofNullable(failure.get());
    }

    /** Executors registered with the driver (the status tracker lists the driver too). */
    int executors() {
        return Math.max(0, sc.statusTracker().getExecutorInfos().length - 1);
    }

    private void watch() {
        long withoutSince = System.nanoTime();
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
                continue;
            }
            if (master.isPresent() && now - lastQuery >= QUERY_NANOS) {
                lastQuery = now;
                Optional<String> problem = master.get().view(sc.sc().env(), sc.sc().applicationId(), 5)
                        .flatMap(v -> v.problem(memoryMiB, cores));
                if (problem.isPresent()) {
                    give(master.get().url() + ": " + problem.get());
                    return;
                }
            }
            if (now - withoutSince > patienceNanos) {
                give(String.format(Locale.ROOT, "no executor registered within %d s (%s); the cluster has no room "
                        + "for an executor of %d MiB and %d core(s), or executors cannot reach this driver", patienceNanos
                        / 1_000_000_000L, TIMEOUT_KEY, memoryMiB, cores));
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
        closed = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
