package dev.zotuner.tuner.bench;

import dev.zotuner.tuner.objective.Objective;
import dev.zotuner.tuner.optim.ZoOptimizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Times runs of consecutive steps with and without look-ahead (the next step's θ+εz fused into a step's last pass,
 * {@link ZoOptimizer#step(Objective, int[], boolean)}: two passes over θ per step instead of three, identical weights),
 * against a forward pass measured in the same rounds. Each round starts both optimizers fresh from the base weights ({@code restoreBase}), so
 * they take the same steps with the same seeds; rounds alternate which goes first. Medians over rounds.
 */
public final class ConsecutiveSteps {

    private final Objective objective;
    private final IntFunction<int[]> batches;
    private final Runnable restoreBase;

    public ConsecutiveSteps(Objective objective, IntFunction<int[]> batches, Runnable restoreBase) {
        this.objective = objective;
        this.batches = batches;
        this.restoreBase = restoreBase;
    }

    /**
     * Medians over rounds, per step, in milliseconds.
     *
     * @param forwardMs   one forward loss on the first batch
     * @param plainMs     a step of a run of plain steps (three passes over θ)
     * @param lookAheadMs a step of a run of look-ahead steps (the run's last step unfused, as before an evaluation)
     */
    public record Timings(double forwardMs, double plainMs, double lookAheadMs) {

        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("forward_ms", forwardMs);
            m.put("plain_step_ms", plainMs);
            m.put("look_ahead_step_ms", lookAheadMs);
            m.put("plain_over_two_forwards", plainMs / (2 * forwardMs));
            m.put("look_ahead_over_two_forwards", lookAheadMs / (2 * forwardMs));
            m.put("look_ahead_over_plain", lookAheadMs / plainMs);
            return m;
        }
    }

    /** {@code rounds} rounds of {@code steps} consecutive steps each way (after one untimed round). */
    public Timings run(Supplier<ZoOptimizer> optimizers, int rounds, int steps) {
        if (rounds < 1 || steps < 2) {
            throw new IllegalArgumentException("bench step: consecutive steps need ≥ 1 round of ≥ 2 steps, got "
                    + rounds + " × " + steps);
        }
        long[] forward = new long[rounds];
        long[] plain = new long[rounds];
        long[] ahead = new long[rounds];
        for (int r = -1; r < rounds; r++) {
            long f = StepBenchmark.lossNs(objective, batches.apply(0));
            boolean plainFirst = (r & 1) == 0;
            long p = plainFirst ? perStepNs(optimizers.get(), steps, false) : 0;
            long a = perStepNs(optimizers.get(), steps, true);
            if (!plainFirst) {
                p = perStepNs(optimizers.get(), steps, false);
            }
            if (r >= 0) {
                forward[r] = f;
                plain[r] = p;
                ahead[r] = a;
            }
        }
        return new Timings(StepBenchmark.medianMs(forward), StepBenchmark.medianMs(plain), StepBenchmark.medianMs(ahead));
    }

    private long perStepNs(ZoOptimizer optimizer, int steps, boolean lookAhead) {
        restoreBase.run();
        long t0 = System.nanoTime();
        for (int t = 0; t < steps; t++) {
            optimizer.step(objective, batches.apply(t), lookAhead && t < steps - 1);
        }
        long ns = (System.nanoTime() - t0) / steps;
        restoreBase.run();
        return ns;
    }
}
