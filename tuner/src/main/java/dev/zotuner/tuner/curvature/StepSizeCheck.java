package dev.zotuner.tuner.curvature;

import dev.zotuner.tuner.objective.Objective;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks that a finite-difference step h is in the quadratic regime by repeating the Hutchinson
 * probes at 2h with the same seeds. Then q(h) − q(2h) = −3c h² + O(h⁴) per probe, where c h² is the
 * second difference's truncation error (c = D⁴L[v,v,v,v]/12 for a smooth loss), and the shared probes
 * cancel the probe-to-probe variance from the difference: a paired interval detects a bias long before
 * two independent intervals would separate.
 *
 * <p>Two warnings: h and 2h disagree — the paired interval excludes 0 and the mean difference exceeds
 * a relative tolerance (default 10⁻³ of the trace, far above the O(2⁻²⁴|θ|/h) systematic effect of
 * float32 rounding of θ ± hv, so rounding alone never triggers it); the Richardson value
 * (4T(h) − T(2h))/3 is then the better estimate and a smaller h is advised — and h is small enough
 * that the loss's own rounding, 4u|L|/h² per probe, exceeds a tenth of the trace.
 *
 * <p>Costs 4 forward passes per probe plus one. θ is restored bit for bit.
 */
public final class StepSizeCheck {

    /** Relative precision of a float32 loss value (half an ulp at 1). */
    public static final double FLOAT32 = 0x1p-24;
    /** Relative precision of a double loss value. */
    public static final double FLOAT64 = 0x1p-53;

    /** Default relative tolerance on the h/2h difference. */
    public static final double DEFAULT_TOLERANCE = 1e-3;

    private final PerturbationEngine engine;
    private final double tolerance;

    /** With {@link #DEFAULT_TOLERANCE}. */
    public StepSizeCheck(PerturbationEngine engine) {
        this(engine, DEFAULT_TOLERANCE);
    }

    /** @param tolerance relative size of a significant h/2h difference that is reported, ≥ 0 */
    public StepSizeCheck(PerturbationEngine engine, double tolerance) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("step check tolerance must be finite and >= 0, got " + tolerance);
        }
        this.engine = engine;
        this.tolerance = tolerance;
    }

    /**
     * Runs the probes of {@code options} at h = {@code options.h()} and 2h (stopping by the h
     * estimate's rule).
     *
     * @param preconditioner null for Tr H
     * @param lossPrecision  relative rounding u of one loss value ({@link #FLOAT32} for an ONNX loss)
     */
    public StepCheck check(Objective objective, int[] examples, Preconditioner preconditioner,
                           HutchinsonOptions options, double lossPrecision) {
        return check(objective, examples, preconditioner, options, lossPrecision, ProbeProgress.NONE);
    }

    /**
     * As {@link #check(Objective, int[], Preconditioner, HutchinsonOptions, double)}, telling
     * {@code progress} the running estimate at h after each probe.
     */
    public StepCheck check(Objective objective, int[] examples, Preconditioner preconditioner,
                           HutchinsonOptions options, double lossPrecision, ProbeProgress progress) {
        if (!(lossPrecision >= 0 && lossPrecision < 1)) {
            throw new IllegalArgumentException("loss precision must be in [0, 1), got " + lossPrecision);
        }
        Coordinates coordinates = Coordinates.of(objective.parameters(), options.tensors());
        if (preconditioner != null) {
            preconditioner.validate(objective.parameters(), coordinates.tensors());
        }
        HutchinsonOptions doubled = options.withH(2.0 * options.step());
        ProbeStatistics atH = new ProbeStatistics();
        ProbeStatistics at2H = new ProbeStatistics();
        ProbeStatistics diff = new ProbeStatistics();
        TraceEstimate.Stop stop = TraceEstimate.Stop.PROBE_CAP;
        double centre;
        try (SecondDifference q = new SecondDifference(engine, objective, examples, coordinates)) {
            centre = q.centreLoss();
            for (int k = 0; k < options.maxProbes(); k++) {
                long seed = options.probeSeed(k);
                double a = probe(q, seed, options.step(), preconditioner);
                double b = probe(q, seed, doubled.step(), preconditioner);
                atH.add(a);
                at2H.add(b);
                diff.add(a - b);
                progress.afterProbe(k + 1, options.maxProbes(), atH.mean(), atH.standardError());
                if (k + 1 >= options.minProbes() && k + 1 < options.maxProbes()
                        && atH.relativeStandardError() <= options.targetRelativeSe()) {
                    stop = TraceEstimate.Stop.TARGET_REACHED;
                    break;
                }
            }
        }
        boolean pre = preconditioner != null;
        TraceEstimate h = TraceEstimate.of(atH, options, centre, engine.kind(), pre, stop);
        TraceEstimate h2 = TraceEstimate.of(at2H, doubled, centre, engine.kind(), pre, stop);
        double half = diff.halfWidth(options.confidence());
        double d = diff.mean();
        boolean significant = d - half > 0 || d + half < 0;
        boolean consistent = !(significant && Math.abs(d) > tolerance * Math.abs(h.trace()));
        double rounding = 4 * lossPrecision * Math.abs(centre) / (h.h() * h.h());
        List<String> warnings = new ArrayList<>();
        if (!consistent) {
            double bias = -d / 3;
            warnings.add(String.format(Locale.ROOT, "h = %.3g and 2h disagree: trace %.6g at h, %.6g at 2h "
                    + "(paired difference %.3g +- %.3g); the loss is not quadratic at this scale, use a smaller h "
                    + "(extrapolated trace %.6g; the bias at h, %.3g, is %.2g %% of the trace and %.2g standard errors)",
                    h.h(), h.trace(), h2.trace(), d, half, (4 * h.trace() - h2.trace()) / 3, bias,
                    100 * Math.abs(bias / h.trace()), Math.abs(bias) / h.traceSe()));
        }
        if (rounding > 0.1 * Math.abs(h.trace())) {
            warnings.add(String.format(Locale.ROOT, "h = %.3g may be too small: loss rounding can move each probe "
                    + "by up to %.3g, more than a tenth of the trace %.6g; use a larger h", h.h(), rounding, h.trace()));
        }
        return new StepCheck(h, h2, d, diff.standardError(), d - half, d + half,
                (4 * h.trace() - h2.trace()) / 3, rounding, consistent, warnings);
    }

    private static double probe(SecondDifference q, long seed, float h, Preconditioner preconditioner) {
        return preconditioner == null ? q.alongNoise(seed, h) : q.alongNoise(seed, h, preconditioner);
    }
}
