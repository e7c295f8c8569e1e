package dev.zotuner.tuner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zotuner.tuner.stability.Curvature;
import dev.zotuner.tuner.stability.StabilityBounds;
import dev.zotuner.tuner.stability.StabilityReport;
import dev.zotuner.tuner.stability.ZoDynamics;
import dev.zotuner.tuner.stability.ZoUpdate;
import java.util.Locale;

/**
 * Renders a {@link StabilityReport} as the human table (naming the optimizer by its id) or as one JSON object (NaN/∞ →
 * null; its {@code optimizer} is the linearised rule, {@link ZoUpdate#label}, as in a metrics.jsonl curvature line).
 */
final class StabilityOutput {

    private StabilityOutput() {
    }

    static String table(StabilityReport r, OptimizerChoice optimizer, String source) {
        Curvature c = r.curvature();
        StabilityBounds b = r.bounds();
        StringBuilder t = new StringBuilder();
        row(t, "optimizer", optimizer.describe());
        row(t, "learning rate", num(r.learningRate()));
        row(t, "curvature", source);
        row(t, "  trace", num(c.trace()) + (Double.isNaN(c.traceSe()) ? "" : " +- " + num(c.traceSe())));
        boolean bounded = !Double.isInfinite(c.absLambdaMaxUpper());
        String upper = bounded ? "|lambda|max <= " + num(c.absLambdaMaxUpper()) : "";
        row(t, "  lambda_max", !c.hasLambdaMax() ? (bounded ? "unknown; " + upper + " (sqrt of tr H^2, its upper end)" : "unknown")
                : c.lambdaMaxIsLowerBound() ? ">= " + num(c.lambdaMax()) + " (Rayleigh-Ritz lower bound" + (bounded ? "; " + upper : "") + ")"
                : num(c.lambdaMax()));
        row(t, "  lambda_min", Double.isNaN(c.lambdaMin()) ? "unknown: H may be indefinite"
                : num(c.lambdaMin()) + (c.indefinite() ? "   H is indefinite" : "   H is positive semi-definite"));
        row(t, "  trace_sq", c.hasTraceSq() ? num(c.traceSq()) + (Double.isNaN(c.traceSqSe()) ? "" : " +- " + num(c.traceSqSe()))
                : "unknown");
        if (b.hasLower()) {
            row(t, "lower bound", num(b.lower()) + "   every lr below is stable"
                    + (r.dynamics().update() == ZoUpdate.ADAM ? " (if P commutes with H)" : ""));
        } else {
            row(t, "lower bound", c.indefinite()
                    ? "none: along negative curvature theta moves away at every lr (no lr is mean-square stable)"
                    : "none: H may be indefinite (give --lambda-min 0 if H is known to be positive semi-definite)");
        }
        if (r.exact()) {
            row(t, "exact eta*", num(r.criticalStep()));
        }
        if (!Double.isNaN(b.secondOrder())) {
            row(t, "second-order", num(b.secondOrder()) + "   S(lr) = " + num(r.secondOrder())
                    + (r.secondOrder() >= 1 ? " >= 1: unstable" : " < 1"));
        }
        row(t, "upper bound", (Double.isInfinite(b.upper()) ? "none" : num(b.upper()))
                + "   every lr at or above is unstable");
        String ratio = r.exact() ? "   lr/eta* = " + String.format(Locale.ROOT, "%.4f", r.ratio()) : "";
        t.append(String.format(Locale.ROOT, "%-14s %s%s", "verdict", r.verdict().label(), ratio));
        return t.toString();
    }

    static String json(StabilityReport r, String source) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        ZoDynamics d = r.dynamics();
        o.put("optimizer", d.update().label());
        put(o, "momentum", d.update() == ZoUpdate.GDM ? d.beta() : Double.NaN);
        put(o, "beta1", d.update() == ZoUpdate.ADAM ? d.beta() : Double.NaN);
        o.put("directions", d.directions());
        put(o, "lr", r.learningRate());
        o.put("source", source);
        Curvature c = r.curvature();
        put(o, "trace", c.trace());
        put(o, "trace_se", c.traceSe());
        put(o, "lambda_max", c.lambdaMax());
        if (c.hasLambdaMax()) {
            o.put("lambda_max_bound", c.lambdaMaxIsLowerBound() ? "lower" : "exact");
        }
        put(o, "trace_sq", c.traceSq());
        put(o, "trace_sq_se", c.traceSqSe());
        put(o, "lambda_min", c.lambdaMin());
        put(o, "abs_lambda_max_upper", c.absLambdaMaxUpper());
        if (c.psd() || c.indefinite()) {
            o.put("psd", c.psd());
        } else {
            o.putNull("psd");
        }
        put(o, "eta_star", r.criticalStep());
        put(o, "lower_bound", r.bounds().lower());
        put(o, "upper_bound", r.bounds().upper());
        put(o, "second_order_eta", r.bounds().secondOrder());
        put(o, "second_order_s", r.secondOrder());
        put(o, "lr_over_eta_star", r.ratio());
        o.put("verdict", r.verdict().label());
        try {
            return mapper.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void row(StringBuilder t, String name, String value) {
        t.append(String.format(Locale.ROOT, "%-14s %s%n", name, value));
    }

    /** Six significant digits without trailing zeros: 0.5, 1.23457e-05. */
    private static String num(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }

    private static void put(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }
}
