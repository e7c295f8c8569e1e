package dev.zotuner.tuner.toy;

import dev.zotuner.tuner.objective.FlatMinimaExample;
import dev.zotuner.tuner.optim.LossExplosion;
import dev.zotuner.tuner.optim.NonFiniteLoss;
import dev.zotuner.tuner.optim.ProjectedGradient;
import dev.zotuner.tuner.optim.StepLog;
import dev.zotuner.tuner.optim.ZoMethod;
import dev.zotuner.tuner.optim.ZoOptimizer;
import dev.zotuner.tuner.optim.ZoSettings;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import dev.zotuner.tuner.perturb.ScalarNoise;
import dev.zotuner.tuner.run.RunDirectory;
import dev.zotuner.tuner.rundir.StepRecord;
import java.util.Locale;
import java.util.Map;

/**
 * The toy experiment of Zhang et al., "Zeroth-Order Optimization Finds Flat Minima" (arXiv:2506.05454,
 * Example 2.1): from x, y ~ N(0, I_d), minimise L(x, y) = ½(xᵀy − 1)² by exact gradient descent, which
 * stops at the first minimiser it meets (Tr ∇²L ≈ its starting value), or by two-point ZO-SGD — the
 * repository's own {@link ZoMethod#ZO_SGD} stepping a {@link FlatMinimaExample}, exactly as fine-tuning
 * steps a model — which descends the smoothed loss ½r² + ½λ² Tr ∇²L + ½λ⁴d and so keeps shrinking the
 * trace toward its minimum over all minimisers, 2.
 *
 * <p>Writes into a {@link RunDirectory} (borrowed): a curvature line with the exact trace at step 0, then
 * every {@code logEvery} updates a step line (ZO: L(θ±λz), g, seed as in fine-tuning, plus L(θ) as
 * {@code center_loss}; GD: L(θ) for both losses, no seed) and a curvature line of the θ after the update,
 * and at the end {@code summary.json}. A loss over {@value LossExplosion#FACTOR}× max(1, the initial loss), or a
 * non-finite one, ends the run as diverged: the summary says so and {@link #run} throws.
 */
public final class FlatMinimaExperiment {

    /** A loss this many times max(1, the initial loss) counts as divergence. */

    private final FlatMinimaConfig config;

    public FlatMinimaExperiment(FlatMinimaConfig config) {
        this.config = config;
    }

    /**
     * Runs every update and returns the summary it wrote.
     *
     * @throws IllegalStateException (one line) when the run diverged, after writing its summary
     */
    public FlatMinimaSummary run(RunDirectory run) {
        FlatMinimaExample f = FlatMinimaExample.random(config.d(), config.seed());
        FlatMinimaCurvature initial = FlatMinimaCurvature.of(f, config.eps());
        run.metrics().curvature(0, initial.fields(config));
        long start = System.nanoTime();
        // every NoiseGenerator gives the same z bit for bit; on 2d ≈ 200 elements the scalar one is
        // faster than the Vector API one, which spends ~2 s warming up
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN, new ScalarNoise())) {
            Stepper stepper = config.method() == FlatMinimaConfig.Method.ZO
                    ? new ZoStepper(f, ZoMethod.ZO_SGD.create(f.parameters(), engine, settings()))
                    : new GdStepper(f, new GradientDescent(f, config.lr()));
            for (long t = 1; t <= config.steps(); t++) {
                double loss = stepper.step(run, t, start);
                if (LossExplosion.exceeded(loss, initial.loss())) {
                    String why = String.format(Locale.ROOT, "%s diverged at step %d: loss %.3g, limit %.3g "
                            + "(%.0f× max(1, initial loss)); try a smaller --lr%s", config.method().id(), t, loss,
                            LossExplosion.limit(initial.loss()), LossExplosion.FACTOR, config.method() == FlatMinimaConfig.Method.ZO ? " or --eps" : "");
                    return finish(run, "diverged", t, start, initial, f, why);
                }
                if (config.logs(t)) {
                    run.metrics().curvature(t, FlatMinimaCurvature.of(f, config.eps()).fields(config));
                }
            }
        }
        return finish(run, "completed", config.steps(), start, initial, f, "");
    }

    private ZoSettings settings() {
        return ZoSettings.defaults(config.seed()).withLr(config.lr()).withEps(config.eps());
    }

    private FlatMinimaSummary finish(RunDirectory run, String status, long steps, long start,
                                     FlatMinimaCurvature initial, FlatMinimaExample f, String message) {
        FlatMinimaSummary s = FlatMinimaSummary.of(status, config, steps, seconds(start), initial,
                FlatMinimaCurvature.of(f, config.eps()), message);
        run.writeSummary(s);
        if (!message.isEmpty()) {
            throw new IllegalStateException(message);
        }
        return s;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** One update of θ that writes its step line when the config logs it; returns the loss it saw. */
    private interface Stepper {
        double step(RunDirectory run, long t, long start);
    }

    /** ZO-SGD through the optimizer, as the fine-tuning loop steps it. */
    private final class ZoStepper implements Stepper {
        private final int[] batch = {0};
        private final FlatMinimaExample f;
        private final ZoOptimizer optimizer;

        ZoStepper(FlatMinimaExample f, ZoOptimizer optimizer) {
            this.f = f;
            this.optimizer = optimizer;
        }

        @Override
        public double step(RunDirectory run, long t, long start) {
            boolean logged = config.logs(t);
            double centre = logged ? f.loss() : Double.NaN;
            StepLog log;
            try {
                log = optimizer.step(f, batch);
            } catch (NonFiniteLoss nonFinite) {
                return Double.NaN; // L(θ±λz) not finite: θ restored, reported as divergence
            }
            if (logged) {
                ProjectedGradient pg = log.directions().get(0);
                run.metrics().step(new StepRecord(t, pg.lossPlus(), pg.lossMinus(), pg.g(), log.lr(), seconds(start),
                        centre, Double.NaN, Double.NaN), pg.seed(), Map.of("block", log.block(), "accepted", log.accepted()));
            }
            return log.loss();
        }
    }

    /** Exact gradient descent; L(θ) stands in for both probe losses (no perturbation, no seed). */
    private final class GdStepper implements Stepper {
        private final FlatMinimaExample f;
        private final GradientDescent gd;

        GdStepper(FlatMinimaExample f, GradientDescent gd) {
            this.f = f;
            this.gd = gd;
        }

        @Override
        public double step(RunDirectory run, long t, long start) {
            double loss = f.loss();
            double gradNorm = gd.step();
            if (config.logs(t)) {
                run.metrics().step(new StepRecord(t, loss, loss, Double.NaN, config.lr(), seconds(start), loss,
                        Double.NaN, Double.NaN), Map.of("grad_norm", gradNorm));
            }
            return loss;
        }
    }
}
