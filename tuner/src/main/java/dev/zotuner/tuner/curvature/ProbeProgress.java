package dev.zotuner.tuner.curvature;

/**
 * Told after every probe of a running estimate ({@link HutchinsonTrace}, {@link StepSizeCheck}), e.g. to
 * show progress; called on the estimating thread between probes, while θ is at the snapshot. A listener
 * must not touch θ or the objective.
 */
@FunctionalInterface
public interface ProbeProgress {

    /** Ignores every update. */
    ProbeProgress NONE = (probes, maxProbes, mean, standardError) -> { };

    /**
     * @param probes        probes done so far (≥ 1)
     * @param maxProbes     the cap (an adaptive estimate may stop earlier)
     * @param mean          running mean of the probe values at h: the trace estimate so far
     * @param standardError its standard error (NaN after the first probe)
     */
    void afterProbe(int probes, int maxProbes, double mean, double standardError);
}
