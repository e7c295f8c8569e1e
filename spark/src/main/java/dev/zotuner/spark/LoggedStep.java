package dev.zotuner.spark;

import dev.zotuner.tuner.optim.ProjectedGradient;
import dev.zotuner.tuner.optim.StepLog;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link StepLog} as shipped to the workers with the next job: the step's (seed, g) pairs, its η, block and accepted
 * move — all a replica needs to apply it with {@code ZoOptimizer.replay} (FedKSeed, Qin et al. 2024). Losses are not
 * shipped (replay ignores them).
 *
 * @param step     0-based step number
 * @param lr       η
 * @param block    block index or −1
 * @param accepted accepted move
 * @param seeds    direction seeds
 * @param g        projected gradients, one per seed
 */
public record LoggedStep(long step, double lr, int block, int accepted, long[] seeds, double[] g) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The shipped form of {@code log}. */
    public static LoggedStep of(StepLog log) {
        int n = log.directions().size();
        long[] seeds = new long[n];
        double[] g = new double[n];
        for (int k = 0; k < n; k++) {
            seeds[k] = log.directions().get(k).seed();
            g[k] = log.directions().get(k).g();
        }
        return new LoggedStep(log.step(), log.lr(), log.block(), log.accepted(), seeds, g);
    }

    /** Back to a step log (losses NaN). */
    public StepLog toStepLog() {
        List<ProjectedGradient> dirs = new ArrayList<>(seeds.length);
        for (int k = 0; k < seeds.length; k++) {
            dirs.add(new ProjectedGradient(seeds[k], g[k], Double.NaN, Double.NaN));
        }
        return new StepLog(step, lr, block, accepted, dirs);
    }
}
