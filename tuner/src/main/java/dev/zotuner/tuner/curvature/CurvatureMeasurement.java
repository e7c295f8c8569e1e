package dev.zotuner.tuner.curvature;

import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.stability.Curvature;
import dev.zotuner.tuner.stability.StabilityBounds;
import dev.zotuner.tuner.stability.StabilityCalculator;
import dev.zotuner.tuner.stability.ZoDynamics;
import dev.zotuner.tuner.stability.ZoUpdate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code "type":"curvature"} line of a run's {@code metrics.jsonl}: a trace estimate, optionally a
 * Rayleigh–Ritz LOWER bound on λmax, and what they say about the learning rate of the optimizer
 * (docs/stability-theory.md). {@link #toMap()} gives the JSON object (NaN fields are left out).
 *
 * <p>Stability fields, with a = 1/(2n(1−β)), η_e the effective step ({@link ZoDynamics}):
 * {@code threshold} = 1/(a η_e) — 2/η for gd, 2(1−β)/η for gdm, 2/η for adam (compared with
 * Tr(P⁻¹H)) — the necessary condition is trace &lt; threshold; {@code stability_s} = S(η) =
 * a η_e Tr + a κ η_e² tr H² (for gd (η/2)(Tr H + η tr H²)), S ≥ 1 means unstable;
 * {@code upper_bound}: the necessary η* bound from the lower ends of the trace and tr H² intervals and the λmax
 * lower bound; no sufficient bound is written (H at real weights is indefinite, so no η is proven stable from
 * these estimates); {@code verdict} follows from them (never {@code stable}).
 *
 * @param step     training step, or −1 when not part of a run
 * @param trace    the Hutchinson estimate (of Tr(P⁻¹H) for adam)
 * @param ritz     a λmax lower bound, or null
 * @param dynamics the optimizer, or null (then no stability fields)
 * @param lr       its learning rate (ignored without dynamics)
 */
public record CurvatureMeasurement(long step, TraceEstimate trace, RitzEstimate ritz, ZoDynamics dynamics, double lr) {

    public CurvatureMeasurement {
        if (trace == null) {
            throw new IllegalArgumentException("curvature record needs a trace estimate");
        }
        if (dynamics != null) {
            if (!(lr > 0) || Double.isInfinite(lr)) {
                throw new IllegalArgumentException("learning rate must be finite and > 0, got " + lr);
            }
            boolean adam = dynamics.update() == ZoUpdate.ADAM;
            if (adam != trace.preconditioned()) {
                throw new IllegalArgumentException(adam ? "adam's stability needs Tr(P^-1 H): estimate with its preconditioner"
                        : dynamics.update().label() + " needs the plain trace, not a preconditioned one");
            }
        }
        if (ritz != null && ritz.preconditioned() != trace.preconditioned()) {
            throw new IllegalArgumentException("trace and lambda-max bound must both be (or both not be) preconditioned");
        }
    }

    /** A bare estimate (no step, no optimizer), e.g. for a one-off command. */
    public static CurvatureMeasurement of(TraceEstimate trace) {
        return new CurvatureMeasurement(-1, trace, null, null, Double.NaN);
    }

    /** The λmax lower bound, NaN without one. */
    public double lambdaMaxLowerBound() {
        return ritz == null ? Double.NaN : ritz.lambdaMaxLowerBound();
    }

    /** 2n(1−β)/η_e: a trace at or above it is unstable (NaN without optimizer). */
    public double threshold() {
        return dynamics == null ? Double.NaN : 1 / (dynamics.firstOrder() * dynamics.effectiveStep(lr));
    }

    /** S(η) with the estimated Tr and tr H² (NaN without optimizer, tr H² or a positive trace). */
    public double stabilityS() {
        if (dynamics == null || !(trace.trace() > 0) || Double.isNaN(trace.traceSq())) {
            return Double.NaN;
        }
        Curvature c = new Curvature(trace.trace(), Double.NaN, Double.NaN, trace.traceSq());
        return StabilityCalculator.secondOrder(c, dynamics, lr);
    }

    /**
     * Bounds on η* from Tr ± 2 se, tr H² ± 2 se and the λmax lower bound (never used as an upper bound on λmax, and
     * allowed above Tr H: H need not be PSD, so there is no sufficient bound); null without optimizer or when the
     * trace is not positive.
     */
    public StabilityBounds bounds() {
        if (dynamics == null || !(trace.trace() > 0)) {
            return null;
        }
        double lam = lambdaMaxLowerBound();
        Curvature c = new Curvature(trace.trace(), trace.traceSe(), lam > 0 ? lam : Double.NaN, trace.traceSq(), true,
                trace.traceSqSe(), Double.NaN);
        return StabilityCalculator.bounds(c, dynamics);
    }

    /** The JSON object of this line, fields in a fixed order, NaN fields left out. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "curvature");
        if (step >= 0) {
            m.put("step", step);
        }
        put(m, "trace", trace.trace());
        put(m, "trace_se", trace.traceSe());
        put(m, "trace_ci_low", trace.ciLow());
        put(m, "trace_ci_high", trace.ciHigh());
        m.put("confidence", trace.confidence());
        m.put("probes", trace.probes());
        put(m, "trace_sq", trace.traceSq());
        put(m, "trace_sq_se", trace.traceSqSe());
        if (lambdaMaxLowerBound() > 0) {
            m.put("lambda_max", lambdaMaxLowerBound());
            m.put("lambda_max_bound", "lower");
            m.put("ritz_dim", ritz.dimension());
        }
        m.put("preconditioned", trace.preconditioned());
        m.put("noise", noiseName(trace.noise()));
        m.put("h", trace.h());
        m.put("seed", trace.seed());
        put(m, "center_loss", trace.centreLoss());
        if (!trace.values().isEmpty()) {
            m.put("probe_values", trace.values());
        }
        if (dynamics != null) {
            m.put("optimizer", dynamics.update().label());
            if (dynamics.update() == ZoUpdate.GDM) {
                m.put("momentum", dynamics.beta());
            } else if (dynamics.update() == ZoUpdate.ADAM) {
                m.put("beta1", dynamics.beta());
            }
            m.put("directions", dynamics.directions());
            m.put("lr", lr);
            put(m, "threshold", threshold());
            put(m, "stability_s", stabilityS());
            StabilityBounds b = bounds();
            if (b != null) {
                put(m, "lower_bound", b.lower());
                put(m, "upper_bound", b.upper());
                m.put("sufficient_stable", b.hasLower() && lr < b.lower());
                m.put("verdict", b.verdict(lr).label());
            }
        }
        return m;
    }

    private static void put(Map<String, Object> m, String key, double value) {
        if (Double.isFinite(value)) {
            m.put(key, value);
        }
    }

    /** Probe distribution name as written to JSON. */
    static String noiseName(NoiseKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
