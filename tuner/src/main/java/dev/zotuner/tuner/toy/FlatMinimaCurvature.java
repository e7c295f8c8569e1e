package dev.zotuner.tuner.toy;

import dev.zotuner.tuner.objective.FlatMinimaExample;
import dev.zotuner.tuner.stability.Curvature;
import dev.zotuner.tuner.stability.StabilityCalculator;
import dev.zotuner.tuner.stability.ZoDynamics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exact state of the flat-minima example L(x, y) = ½(xᵀy − 1)² at the current θ (Zhang et al.,
 * arXiv:2506.05454, Example 2.1), in closed form. With v = (y, x), r = xᵀy − 1 and J the swap of x and
 * y, ∇²L = vvᵀ + rJ: on span{v, Jv} it has the eigenvalues μ± = [T ± √(T² + 4r(2 + 3r))]/2 (T = ‖v‖²),
 * elsewhere ±r. Hence Tr H = T, tr H² = T² + 4r(1 + r) + 2dr², and at a minimiser (r = 0) λmax = Tr H.
 *
 * @param loss         L(θ) = ½r²
 * @param residual     r = xᵀy − 1
 * @param trace        Tr ∇²L = ‖x‖² + ‖y‖²
 * @param traceSq      tr (∇²L)² = ‖∇²L‖²_F
 * @param lambdaMax    the largest eigenvalue of ∇²L
 * @param smoothedLoss E L(θ + λu), u ~ N(0, I), for the run's λ (NaN without one)
 */
public record FlatMinimaCurvature(double loss, double residual, double trace, double traceSq, double lambdaMax,
                                  double smoothedLoss) {

    /** The state of {@code f} now; {@code lambda} is ZO's λ, or NaN. */
    public static FlatMinimaCurvature of(FlatMinimaExample f, double lambda) {
        int d = f.parameters().get("x").size();
        double r = f.residual();
        double t = f.hessianTrace(null);
        double traceSq = t * t + 4 * r * (1 + r) + 2.0 * d * r * r;
        // T² + 4r(2+3r) = (T² − 4(1+r)²) + 4(1+2r)² ≥ 0 because T ≥ 2|xᵀy|
        double mu = 0.5 * (t + Math.sqrt(Math.max(0, t * t + 4 * r * (2 + 3 * r))));
        double lambdaMax = d > 1 ? Math.max(mu, Math.abs(r)) : mu;
        return new FlatMinimaCurvature(f.loss(), r, t, traceSq, lambdaMax,
                Double.isNaN(lambda) ? Double.NaN : f.smoothedLoss(lambda));
    }

    /**
     * The fields of a {@code "type":"curvature"} line (docs/run-directory.md) for a run with {@code
     * config}: the exact trace ({@code probes} 0, zero-width interval), the exact λmax, the threshold 2/η
     * (ZO-SGD's trace threshold; for gradient descent the classical λmax edge, equal to Tr H at a
     * minimiser) and, for ZO, the stability statistic S(η) = (η/2)(Tr H + η tr H²); then the loss, the
     * residual and, for ZO, the smoothed loss it descends.
     */
    public Map<String, Object> fields(FlatMinimaConfig config) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trace", trace);
        m.put("trace_se", 0.0);
        m.put("trace_ci_low", trace);
        m.put("trace_ci_high", trace);
        m.put("probes", 0);
        m.put("exact", true);
        m.put("trace_sq", traceSq);
        m.put("lambda_max", lambdaMax);
        m.put("lambda_max_bound", "exact");
        m.put("lr", config.lr());
        m.put("threshold", 2 / config.lr());
        m.put("stability_s", config.method() == FlatMinimaConfig.Method.ZO ? stabilityS(config.lr()) : null);
        m.put("loss", loss);
        m.put("residual", residual);
        if (Double.isFinite(smoothedLoss)) {
            m.put("smoothed_loss", smoothedLoss);
        }
        return m;
    }

    /** ZO-SGD's S(η) with one direction, or NaN where the trace is not a positive finite number. */
    double stabilityS(double lr) {
        if (!(trace > 0 && Double.isFinite(trace) && Double.isFinite(traceSq))) {
            return Double.NaN;
        }
        return StabilityCalculator.secondOrder(new Curvature(trace, 0, Double.NaN, traceSq), ZoDynamics.gd(1), lr);
    }
}
