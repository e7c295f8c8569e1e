package dev.zotuner.tuner.bench;

import dev.zotuner.tuner.objective.Objective;
import dev.zotuner.tuner.optim.ZoOptimizer;
import java.util.Arrays;

/**
 * Times, in one process on one fixed mini-batch, a forward loss evaluation against one step of each of two
 * zeroth-order optimizers (a full-parameter MeZO step and a MeZO-BCD step, say). The three measurements are
 * interleaved round by round after a warm-up, so load from other processes hits them alike; the medians are
 * reported. θ is put back to {@code base} after every step, so every round starts from the same weights.
 *
 * <p>MeZO (Malladi et al., 2023, "Fine-Tuning Language Models with Just Forward Passes") costs two forward
 * passes plus the perturbation passes over θ per step; MeZO-BCD perturbs one block per step, so its passes
 * are shorter and its cost tends to two forwards.
 */
public final class StepBenchmark {

    private final Objective objective;
    private final int[] batch;
    private final Runnable restoreBase;

    /**
     * @param objective the loss; its parameter store is the θ the optimizers update
     * @param batch     the mini-batch every measurement uses
     * @param restoreBase puts θ back after each step (untimed; e.g. {@code LanguageModel::restoreBase}, which re-reads
     *                    the model's files instead of keeping a copy of θ)
     */
    public StepBenchmark(Objective objective, int[] batch, Runnable restoreBase) {
        this.objective = objective;
        this.batch = batch.clone();
        this.restoreBase = restoreBase;
    }

    /**
     * Medians in milliseconds.
     *
     * @param forwardMs one {@code objective.loss(batch)}
     * @param fullMs    one step of the full-parameter optimizer
     * @param blockMs   one step of the block optimizer
     */
    public record Timings(double forwardMs, double fullMs, double blockMs) {

        public double fullOverForward() {
            return fullMs / forwardMs;
        }

        public double blockOverForward() {
            return blockMs / forwardMs;
        }
    }

    /** {@code warmup} untimed rounds, then the medians of {@code repeats} timed rounds. */
    public Timings run(ZoOptimizer full, ZoOptimizer block, int warmup, int repeats) {
        if (warmup < 0 || repeats < 1) {
            throw new IllegalArgumentException("bench step: --warmup must be ≥ 0 and --repeats ≥ 1, got "
                    + warmup + ", " + repeats);
        }
        for (int i = 0; i < warmup; i++) {
            forwardNs();
            stepNs(full);
            stepNs(block);
        }
        long[] forward = new long[repeats];
        long[] fullStep = new long[repeats];
        long[] blockStep = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            forward[i] = forwardNs();
            fullStep[i] = stepNs(full);
            blockStep[i] = stepNs(block);
        }
        return new Timings(medianMs(forward), medianMs(fullStep), medianMs(blockStep));
    }

    private long forwardNs() {
        return lossNs(objective, batch);
    }

    private long stepNs(ZoOptimizer optimizer) {
        return stepNs(optimizer, objective, batch, restoreBase);
    }

    /** Nanoseconds of one {@code objective.loss(batch)}; a non-finite loss is an error. */
    static long lossNs(Objective objective, int[] batch) {
        long t0 = System.nanoTime();
        double loss = objective.loss(batch);
        long ns = System.nanoTime() - t0;
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("bench step: the loss at the base weights is " + loss);
        }
        return ns;
    }

    /** Nanoseconds of one step; θ is put back by {@code restoreBase} afterwards (untimed). */
    static long stepNs(ZoOptimizer optimizer, Objective objective, int[] batch, Runnable restoreBase) {
        long t0 = System.nanoTime();
        optimizer.step(objective, batch);
        long ns = System.nanoTime() - t0;
        restoreBase.run();
        return ns;
    }

    /** Median of {@code ns} in milliseconds (mean of the middle two for an even count). */
    static double medianMs(long[] ns) {
        long[] s = ns.clone();
        Arrays.sort(s);
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
        return median / 1e6;
    }
}
