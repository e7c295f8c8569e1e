package dev.zotuner.tuner.curvature;

import dev.zotuner.tuner.perturb.NoiseKind;
import java.util.List;

/**
 * A Hutchinson estimate of Tr H (or of Tr(P⁻¹H) when {@code preconditioned}) from second differences
 * q = [L(θ+hv) + L(θ−hv) − 2L(θ)]/h² along seeded probes v.
 *
 * @param trace          mean of the probe values q
 * @param traceSe        standard error s/√n
 * @param ciLow          lower end of the two-sided Student-t interval (n − 1 degrees of freedom)
 * @param ciHigh         upper end
 * @param confidence     its level, e.g. 0.95
 * @param probes         n, the number of probes (2n + 1 forward passes)
 * @param traceSq        tr H² (tr Ĥ² when preconditioned) = s²/2, valid for Gaussian probes only
 *                       (Var vᵀHv = 2 tr H²); NaN for Rademacher probes, whose variance is
 *                       2(tr H² − Σ Hᵢᵢ²)
 * @param traceSqSe      standard error of {@code traceSq} (from the sample fourth moment), or NaN
 * @param centreLoss     L(θ) on the examples used
 * @param h              the finite-difference step applied (a float value)
 * @param noise          the probe distribution
 * @param seed           base seed of the probes
 * @param preconditioned whether probes were P^{-1/2} v
 * @param stop           why probing stopped
 * @param values         the probe values q in probe order: two estimates with the same probe seeds
 *                       (common random numbers) are compared pairwise, probe by probe
 */
public record TraceEstimate(double trace, double traceSe, double ciLow, double ciHigh, double confidence,
                            int probes, double traceSq, double traceSqSe, double centreLoss, double h,
                            NoiseKind noise, long seed, boolean preconditioned, Stop stop,
                            List<Double> values) {

    public TraceEstimate {
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** Why an adaptive estimate stopped. */
    public enum Stop {
        /** se/|mean| reached the target at or after the minimum probe count. */
        TARGET_REACHED,
        /** the probe cap was reached first (or the count was fixed). */
        PROBE_CAP
    }

    /** Summarises probe values accumulated in {@code stats}. */
    static TraceEstimate of(ProbeStatistics stats, HutchinsonOptions options, double centreLoss,
                            NoiseKind noise, boolean preconditioned, Stop stop) {
        double mean = stats.mean();
        double half = stats.halfWidth(options.confidence());
        boolean gaussian = noise == NoiseKind.GAUSSIAN;
        return new TraceEstimate(mean, stats.standardError(), mean - half, mean + half, options.confidence(),
                (int) stats.count(), gaussian ? stats.variance() / 2 : Double.NaN,
                gaussian ? stats.varianceStandardError() / 2 : Double.NaN, centreLoss, options.step(),
                noise, options.seed(), preconditioned, stop, stats.values());
    }

    /** se/|trace|. */
    public double relativeSe() {
        return traceSe / Math.abs(trace);
    }

    /** Whether the interval contains {@code value}. */
    public boolean covers(double value) {
        return ciLow <= value && value <= ciHigh;
    }

    /** Forward passes spent: the centre plus two per probe. */
    public long forwards() {
        return 2L * probes + 1;
    }
}
