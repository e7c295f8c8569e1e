package dev.zotuner.spark;

import dev.zotuner.tuner.optim.ProjectedGradient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.TaskContext;

/**
 * The model replicas this JVM holds for distributed runs, keyed by (run id, worker slot), kept across Spark jobs so a
 * worker loads its model once per run rather than once per step.
 *
 * <p>{@link #JVM} is the one piece of static mutable state in the project, on purpose: a Spark executor is a JVM that
 * runs tasks from serialised closures, and a per-JVM registry is the only place a task can find what an earlier task
 * of the same run left there. Each replica is used by one task at a time (its own lock); a task that fails with a
 * replica drops it (a retry rebuilds it from the base model and catches up from the driver's log), and the driver
 * drops a run's replicas when its session closes ({@link #closeRun}; on a cluster they go with the executors).
 */
public final class ReplicaRegistry {

    /** This JVM's registry. */
    public static final ReplicaRegistry JVM = new ReplicaRegistry();

    private record Key(String runId, int slot) {
    }

    private final Map<Key, Replica> replicas = new ConcurrentHashMap<>();

    ReplicaRegistry() {
    }

    /**
     * Brings the slot's replica to {@code task.step()} with the task's logs and probes its directions; a replica further
     * behind than the logs (or ahead of the step) answers with the step it is at instead.
     */
    ProbeTask.Result probe(ProbeTask task) {
        Key key = new Key(task.runId(), task.slot());
        Replica replica = replicas.computeIfAbsent(key, k -> Replica.load(task.configJson(), task.cacheDir(), task.runDir()));
        synchronized (replica) {
            try {
                long at = replica.at();
                if (at > task.step()) {
                    drop(key, replica);    // cannot go back: rebuild from the base model
                    return ProbeTask.Result.behind(task.slot(), 0);
                }
                if (at < task.from()) {
                    return ProbeTask.Result.behind(task.slot(), at);
                }
                List<LoggedStep> logs = task.catchUp();
                for (int i = (int) (at - task.from()); i < logs.size(); i++) {
                    replica.apply(logs.get(i));
                }
                if (replica.at() != task.step()) {
                    throw new IllegalStateException("replica of slot " + task.slot() + " at step " + replica.at()
                            + " after catching up, not " + task.step());
                }
                TaskContext context = TaskContext.get();
                boolean fail = task.failMidProbe() && (context == null || context.attemptNumber() == 0);
                List<ProjectedGradient> dirs = replica.probe(task.batch(), task.first(), task.last(), fail);
                int m = dirs.size();
                long[] seeds = new long[m];
                double[] g = new double[m];
                double[] plus = new double[m];
                double[] minus = new double[m];
                for (int k = 0; k < m; k++) {
                    seeds[k] = dirs.get(k).seed();
                    g[k] = dirs.get(k).g();
                    plus[k] = dirs.get(k).lossPlus();
                    minus[k] = dirs.get(k).lossMinus();
                }
                return new ProbeTask.Result(task.slot(), -1, seeds, g, plus, minus);
            } catch (RuntimeException | Error e) {
                drop(key, replica);
                throw e;
            }
        }
    }

    /** Closes and forgets every replica of {@code runId} in this JVM. */
    public void closeRun(String runId) {
        replicas.entrySet().removeIf(e -> {
            if (e.getKey().runId().equals(runId)) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }

    /** Replicas held (all runs). */
    int size() {
        return replicas.size();
    }

    private void drop(Key key, Replica replica) {
        if (replicas.remove(key, replica)) {
            replica.close();
        }
    }
}
