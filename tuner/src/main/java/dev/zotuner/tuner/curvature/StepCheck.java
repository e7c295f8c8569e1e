package dev.zotuner.tuner.curvature;

import java.util.List;

/**
 * The outcome of comparing the trace at steps h and 2h on the same probes ({@link StepSizeCheck}).
 *
 * @param atH             the estimate at h
 * @param atDoubleH       the estimate at 2h, same probe seeds
 * @param difference      mean of the paired differences q(h) − q(2h)
 * @param differenceSe    their standard error
 * @param differenceLow   lower end of the paired-difference interval (same confidence as the estimates)
 * @param differenceHigh  upper end
 * @param extrapolated    Richardson's (4 T(h) − T(2h))/3, which removes the O(h²) bias
 * @param roundingBound   4u|L(θ)|/h²: the most a loss rounding of relative size u moves one probe
 * @param consistent      false when h and 2h disagree: the interval excludes 0 and the difference
 *                        exceeds the check's relative tolerance of the trace
 * @param warnings        human-readable, one line each; empty when all is well
 */
public record StepCheck(TraceEstimate atH, TraceEstimate atDoubleH, double difference, double differenceSe,
                        double differenceLow, double differenceHigh, double extrapolated, double roundingBound,
                        boolean consistent, List<String> warnings) {

    public StepCheck {
        warnings = List.copyOf(warnings);
    }

    /** The step checked. */
    public double h() {
        return atH.h();
    }

    /**
     * The O(h²) truncation error of the trace at h, T(h) − T(0) ≈ T(h) − {@link #extrapolated()} =
     * −{@link #difference()}/3; compare it with {@code atH().traceSe()} to see whether it matters.
     */
    public double truncationBias() {
        return atH.trace() - extrapolated;
    }

    /** |{@link #truncationBias()}| in standard errors of the trace at h (NaN without a standard error). */
    public double biasInStandardErrors() {
        return Math.abs(truncationBias()) / atH.traceSe();
    }
}
