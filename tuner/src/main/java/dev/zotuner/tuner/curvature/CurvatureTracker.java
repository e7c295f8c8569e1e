package dev.zotuner.tuner.curvature;

import dev.zotuner.tuner.objective.Objective;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import dev.zotuner.tuner.stability.ZoDynamics;
import dev.zotuner.tuner.stability.ZoUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the training loop calls for {@code --curvature-every N --probes M}: every N steps a
 * Hutchinson trace with M probes on the loop's fixed examples (Tr(P⁻¹H) for adam, with the
 * optimizer's current preconditioner), optionally a Rayleigh–Ritz λmax lower bound in the span of
 * the last few step directions, and the {@link CurvatureMeasurement} to append to metrics.jsonl.
 *
 * <p>Every measurement of a run uses the same probe seeds (common random numbers): the change of the
 * estimate between two steps then reflects the change of H, not a fresh draw of probe noise, whose
 * standard deviation on a pre-trained transformer is several times Tr H itself. A resumed run repeats them.
 * Holds the seeds of the last {@code ritzDirections} steps; not thread-safe, one per run.
 */
public final class CurvatureTracker {

    /**
     * @param every          measure when step % every == 0 (≥ 1)
     * @param probes         Hutchinson probes per measurement (≥ 2; a fixed count)
     * @param h              finite-difference step
     * @param seed           base seed of the probe seeds
     * @param ritzDirections recent step directions for the λmax lower bound; 0 = none
     */
    public record Options(int every, int probes, double h, long seed, int ritzDirections) {
        public Options {
            if (every < 1) {
                throw new IllegalArgumentException("--curvature-every must be >= 1, got " + every);
            }
            if (probes < 2) {
                throw new IllegalArgumentException("--probes must be >= 2, got " + probes);
            }
            if (ritzDirections < 0) {
                throw new IllegalArgumentException("Ritz directions must be >= 0, got " + ritzDirections);
            }
            new HutchinsonOptions(h, seed, probes, probes, 0, 0.95, List.of()); // validates h
        }

        /** Every {@code every} steps with {@code probes} probes, h = 10⁻³, no λmax bound. */
        public static Options of(int every, int probes, long seed) {
            return new Options(every, probes, HutchinsonOptions.DEFAULT_H, seed, 0);
        }
    }

    private final HutchinsonTrace hutchinson;
    private final RayleighRitz rayleighRitz;
    private final Options options;
    private final long[] recent;
    private long observed;

    /** @param engine owned by the caller (the optimizer's engine may be shared: passes run one at a time) */
    public CurvatureTracker(PerturbationEngine engine, Options options) {
        this.hutchinson = new HutchinsonTrace(engine);
        this.rayleighRitz = new RayleighRitz(engine);
        this.options = options;
        this.recent = new long[options.ritzDirections()];
    }

    public Options options() {
        return options;
    }

    /** Remembers the perturbation seed of the step just taken (its update direction for ZO-SGD). */
    public void observeStep(long perturbationSeed) {
        if (recent.length > 0) {
            recent[(int) (observed % recent.length)] = perturbationSeed;
        }
        observed++;
    }

    /** Whether a measurement is due after {@code step}. */
    public boolean due(long step) {
        return step % options.every() == 0;
    }

    /** {@link #measure} when {@link #due}, else empty. */
    public Optional<CurvatureMeasurement> afterStep(long step, Objective objective, int[] examples, ZoDynamics dynamics,
                                               double lr, Preconditioner preconditioner) {
        return due(step) ? Optional.of(measure(step, objective, examples, dynamics, lr, preconditioner))
                : Optional.empty();
    }

    /**
     * Measures now. θ is unchanged afterwards, bit for bit.
     *
     * @param preconditioner diag(P) of adam (required for adam, null otherwise)
     */
    public CurvatureMeasurement measure(long step, Objective objective, int[] examples, ZoDynamics dynamics,
                                   double lr, Preconditioner preconditioner) {
        boolean adam = dynamics.update() == ZoUpdate.ADAM;
        if (adam != (preconditioner != null)) {
            throw new IllegalArgumentException(adam ? "curvature tracking for adam needs its preconditioner"
                    : "a preconditioner is only used with adam, not " + dynamics.update().label());
        }
        HutchinsonOptions ho = HutchinsonOptions.defaults().withH(options.h())
                .withSeed(options.seed()).withProbes(options.probes());
        TraceEstimate trace = hutchinson.estimate(objective, examples, preconditioner, ho);
        RitzEstimate ritz = null;
        List<Direction> directions = recentDirections();
        if (!directions.isEmpty()) {
            ritz = rayleighRitz.estimate(objective, examples, directions, preconditioner,
                    new RayleighRitz.Options(options.h(), List.of()));
        }
        return new CurvatureMeasurement(step, trace, ritz, dynamics, lr);
    }

    /** Seeds of the last min(observed, ritzDirections) steps, oldest first. */
    List<Direction> recentDirections() {
        List<Direction> out = new ArrayList<>();
        long n = Math.min(observed, recent.length);
        for (long k = observed - n; k < observed; k++) {
            out.add(Direction.seeded(recent[(int) (k % recent.length)]));
        }
        return out;
    }
}
