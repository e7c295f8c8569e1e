package dev.zotuner.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * One worker's share of step {@code step}: bring the replica of {@code slot} up to the step (apply {@code catchUp}, the
 * logs of steps {@code from} … {@code step − 1}), then probe directions {@code first} … {@code last − 1} on
 * {@code batch} ({@link ProbeTask#run}).
 *
 * @param runId          the session's run id (replicas are keyed by it and the slot)
 * @param slot           the worker index 0 … W−1
 * @param configJson     the run's config.json (the replica is built from it)
 * @param cacheDir       model cache directory, or null
 * @param step           the step to probe (0-based)
 * @param batch          the step's mini-batch
 * @param first          first direction index
 * @param last           one past the last direction index
 * @param from           the step the first catch-up log is for
 * @param catchUp        logs of steps {@code from} … {@code step − 1}
 * @param failMidProbe   test hook: the first attempt fails after its first loss
 */
public record ProbeTask(String runId, int slot, String configJson, String cacheDir, long step, int[] batch, int first,
                        int last, long from, List<LoggedStep> catchUp, boolean failMidProbe) implements Serializable {

    private static final long serialVersionUID = 1L;

    public ProbeTask {
        catchUp = List.copyOf(catchUp);
    }

    /** A new session's id for the run in {@code runDir}: {@code <absolute run dir>#<random UUID>}. */
    public static String runId(Path runDir) {
        return runDir.toAbsolutePath() + "#" + UUID.randomUUID();
    }

    /** The run directory {@code runId} names ({@link #runId(Path)}); for messages. */
    public Path runDir() {
        int hash = runId.lastIndexOf('#');
        return Path.of(hash < 0 ? runId : runId.substring(0, hash));
    }

    /**
     * What a worker sends back: the (seed, g) pairs and losses of its directions, or — when its replica is further behind
     * than {@code from} (new, or rebuilt after a failure) — the step it is at, so the driver resends the logs from there.
     *
     * @param slot      the worker index
     * @param behindAt  −1 when probed, else the replica's step
     * @param seeds     direction seeds
     * @param g         projected gradients
     * @param lossPlus  L(θ+εz)
     * @param lossMinus L(θ−εz)
     */
    public record Result(int slot, long behindAt, long[] seeds, double[] g, double[] lossPlus, double[] lossMinus)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        static Result behind(int slot, long at) {
            return new Result(slot, at, new long[0], new double[0], new double[0], new double[0]);
        }
    }

    /** Runs in the executor: the per-JVM {@link ReplicaRegistry} holds the replica between jobs. */
    public Result run() {
        return ReplicaRegistry.JVM.probe(this);
    }
}
