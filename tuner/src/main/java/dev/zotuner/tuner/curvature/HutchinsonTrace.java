package dev.zotuner.tuner.curvature;

import dev.zotuner.tuner.objective.AnalyticObjective;
import dev.zotuner.tuner.objective.Objective;
import dev.zotuner.tuner.perturb.PerturbationEngine;

/**
 * Hutchinson's trace estimator from forward passes only: Tr H = E[vᵀHv] for probes v with
 * E[vvᵀ] = I (Hutchinson, "A stochastic estimator of the trace of the influence matrix for Laplacian
 * smoothing splines", 1990), with vᵀHv replaced by the symmetric second difference
 * q(v) = [L(θ+hv) + L(θ−hv) − 2L(θ)]/h² (exact on quadratics, O(h²) biased otherwise; see
 * {@link StepSizeCheck}). With probes P^{-1/2}v it estimates Tr(P⁻¹H), the trace that bounds frozen
 * ZO-Adam's step (docs/stability-theory.md §5).
 *
 * <p>Probes are Gaussian or Rademacher, whichever the engine generates; Rademacher has the smaller
 * variance 2(tr H² − Σ Hᵢᵢ²) vs 2 tr H², but only Gaussian probes also give tr H² (= Var q / 2).
 * The loss is the objective's deterministic mean over the caller's example indices. θ is restored
 * bit for bit ({@link SecondDifference}). Each probe costs two forward passes, plus one for L(θ).
 *
 * <p>A command prints an estimate as one JSON object via {@link CurvatureMeasurement}:
 * {@code mapper.writeValueAsString(CurvatureMeasurement.of(new HutchinsonTrace(engine)
 * .estimate(objective, indices, HutchinsonOptions.defaults())).toMap())}.
 */
public final class HutchinsonTrace {

    private final PerturbationEngine engine;

    /** @param engine regenerates the probe directions; owned by the caller, open while estimating */
    public HutchinsonTrace(PerturbationEngine engine) {
        this.engine = engine;
    }

    /** Tr H of the full-batch loss. */
    public TraceEstimate estimate(Objective objective, HutchinsonOptions options) {
        return estimate(objective, AnalyticObjective.all(objective.size()), options);
    }

    /** Tr H of the mean loss over {@code examples}. */
    public TraceEstimate estimate(Objective objective, int[] examples, HutchinsonOptions options) {
        return estimate(objective, examples, null, options);
    }

    /**
     * Tr(P⁻¹H) of the mean loss over {@code examples} with probes P^{-1/2}v, or Tr H when
     * {@code preconditioner} is null.
     */
    public TraceEstimate estimate(Objective objective, int[] examples, Preconditioner preconditioner,
                                  HutchinsonOptions options) {
        return estimate(objective, examples, preconditioner, options, ProbeProgress.NONE);
    }

    /**
     * As {@link #estimate(Objective, int[], Preconditioner, HutchinsonOptions)}, telling
     * {@code progress} the running estimate after each probe.
     */
    public TraceEstimate estimate(Objective objective, int[] examples, Preconditioner preconditioner,
                                  HutchinsonOptions options, ProbeProgress progress) {
        Coordinates coordinates = Coordinates.of(objective.parameters(), options.tensors());
        if (preconditioner != null) {
            preconditioner.validate(objective.parameters(), coordinates.tensors());
        }
        try (SecondDifference q = new SecondDifference(engine, objective, examples, coordinates)) {
            return run(q, preconditioner, options, progress);
        }
    }

    /** Probes inside an open session (sharing its centre loss) until the stopping rule fires. */
    TraceEstimate run(SecondDifference q, Preconditioner preconditioner, HutchinsonOptions options,
                      ProbeProgress progress) {
        ProbeStatistics stats = new ProbeStatistics();
        float h = options.step();
        TraceEstimate.Stop stop = TraceEstimate.Stop.PROBE_CAP;
        for (int k = 0; k < options.maxProbes(); k++) {
            long seed = options.probeSeed(k);
            stats.add(preconditioner == null ? q.alongNoise(seed, h) : q.alongNoise(seed, h, preconditioner));
            progress.afterProbe(k + 1, options.maxProbes(), stats.mean(), stats.standardError());
            if (k + 1 >= options.minProbes() && k + 1 < options.maxProbes()
                    && stats.relativeStandardError() <= options.targetRelativeSe()) {
                stop = TraceEstimate.Stop.TARGET_REACHED;
                break;
            }
        }
        return TraceEstimate.of(stats, options, q.centreLoss(), engine.kind(), preconditioner != null, stop);
    }
}
