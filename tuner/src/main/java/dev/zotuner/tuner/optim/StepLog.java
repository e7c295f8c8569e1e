package dev.zotuner.tuner.optim;

import java.util.List;

/**
 * Everything a step did, enough to replay it bit for bit from the θ it started at (with the same
 * {@link ZoSettings} and method): the directions' seeds and projected gradients, the learning rate,
 * the block (MeZO-BCD) and the accepted move (ZO-SGD-Cons). Losses are kept for reports.
 *
 * @param step       0-based step number
 * @param lr         η used
 * @param block      index in {@code ParameterStore.blocks()} of the block updated, or −1 for all tensors
 * @param accepted   s in θ ← θ − s·η·d: 1 normally; ZO-SGD-Cons may choose 0 (stay) or −1 (reverse)
 * @param directions one entry per random direction (n for n-SPSA, else one)
 */
public record StepLog(long step, double lr, int block, int accepted, List<ProjectedGradient> directions) {

    public StepLog {
        directions = List.copyOf(directions);
        if (directions.isEmpty()) {
            throw new IllegalArgumentException("step " + step + ": a step log needs at least one direction");
        }
        if (accepted < -1 || accepted > 1) {
            throw new IllegalArgumentException("step " + step + ": accepted must be -1, 0 or 1, got " + accepted);
        }
    }

    /** Mean of the directions' (L+ + L−)/2. */
    public double loss() {
        double s = 0;
        for (ProjectedGradient pg : directions) {
            s += pg.loss();
        }
        return s / directions.size();
    }
}
