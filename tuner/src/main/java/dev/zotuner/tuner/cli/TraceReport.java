package dev.zotuner.tuner.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.tuner.curvature.CurvatureMeasurement;
import dev.zotuner.tuner.curvature.StepCheck;
import dev.zotuner.tuner.curvature.TraceEstimate;
import dev.zotuner.tuner.stability.StabilityBounds;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code zo trace} measured, as the human summary or one JSON object. The JSON nests the
 * {@link CurvatureMeasurement} map (the metrics.jsonl curvature line) under {@code "curvature"} and the step check
 * under {@code "check_h"}; non-finite numbers are left out.
 *
 * @param setup      what was measured
 * @param optimizer  the optimizer the learning rate refers to, or null without one
 * @param curvature  the estimate (with the stability fields, for {@code optimizer}'s dynamics, when a learning rate
 *                   was given)
 * @param check      the h vs 2h comparison, or null without {@code --check-h}
 * @param timing     how long it took
 */
record TraceReport(Setup setup, OptimizerChoice optimizer, CurvatureMeasurement curvature, StepCheck check, Timing timing) {

    TraceReport {
        if (optimizer == null ? curvature.dynamics() != null : !optimizer.dynamics().equals(curvature.dynamics())) {
            throw new IllegalArgumentException("the curvature's stability fields are not for optimizer " + optimizer);
        }
    }

    /**
     * @param model      the {@code --model} value
     * @param task       task name
     * @param split      {@code train} or {@code dev}
     * @param splitSeed  k-shot seed
     * @param k          examples per class
     * @param examples   examples in the measured loss
     * @param parameters trainable parameters perturbed
     * @param threads    perturbation workers
     */
    record Setup(String model, String task, String split, long splitSeed, int k, int examples, long parameters,
                 int threads) {
    }

    /**
     * @param loadSeconds      model load and prompt set-up
     * @param seconds          the estimate, centre loss included
     * @param forwardsPerProbe loss evaluations per probe: 2, or 4 with the 2h check
     * @param forwards         loss evaluations counted (each a forward pass over the split)
     * @param forwardSeconds   seconds inside them; the rest went to perturbing and restoring θ
     */
    record Timing(double loadSeconds, double seconds, int forwardsPerProbe, long forwards, double forwardSeconds) {
    }

    private TraceEstimate estimate() {
        return curvature.trace();
    }

    double secondsPerProbe() {
        return timing.seconds() / estimate().probes();
    }

    /** One JSON object. */
    String json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", setup.model());
        m.put("task", setup.task());
        m.put("split", setup.split());
        m.put("kshot_seed", setup.splitSeed());
        m.put("k", setup.k());
        m.put("examples", setup.examples());
        m.put("parameters", setup.parameters());
        m.put("threads", setup.threads());
        m.put("curvature", curvature.toMap());
        m.put("stop", estimate().stop().name().toLowerCase(Locale.ROOT));
        if (check != null) {
            m.put("check_h", checkMap(check));
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("load_seconds", timing.loadSeconds());
        t.put("seconds", timing.seconds());
        t.put("seconds_per_probe", secondsPerProbe());
        t.put("forwards", timing.forwards());
        t.put("forwards_per_probe", timing.forwardsPerProbe());
        t.put("forward_seconds", timing.forwardSeconds());
        t.put("seconds_per_forward", timing.forwardSeconds() / timing.forwards());
        m.put("timing", t);
        try {
            return new ObjectMapper().writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> checkMap(StepCheck c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("h", c.h());
        m.put("h2", c.atDoubleH().h());
        put(m, "trace_h", c.atH().trace());
        put(m, "trace_2h", c.atDoubleH().trace());
        put(m, "trace_2h_se", c.atDoubleH().traceSe());
        put(m, "difference", c.difference());
        put(m, "difference_se", c.differenceSe());
        put(m, "difference_ci_low", c.differenceLow());
        put(m, "difference_ci_high", c.differenceHigh());
        put(m, "extrapolated", c.extrapolated());
        put(m, "truncation_bias", c.truncationBias());
        put(m, "bias_in_se", c.biasInStandardErrors());
        put(m, "rounding_bound", c.roundingBound());
        m.put("consistent", c.consistent());
        m.put("warnings", c.warnings());
        return m;
    }

    private static void put(Map<String, Object> m, String key, double value) {
        if (Double.isFinite(value)) {
            m.put(key, value);
        }
    }

    /** The human summary, one quantity per line. */
    String text() {
        TraceEstimate e = estimate();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s %s split: %d examples (k=%d, seed %d), model %s, %,d parameters%n",
                setup.task(), setup.split(), setup.examples(), setup.k(), setup.splitSeed(), setup.model(),
                setup.parameters()));
        row(s, "Tr H", String.format(Locale.ROOT, "%.4e   %.0f %% CI [%.4e, %.4e], se %.3e (%.1f %%)", e.trace(),
                100 * e.confidence(), e.ciLow(), e.ciHigh(), e.traceSe(), 100 * e.relativeSe()));
        row(s, "probes", String.format(Locale.ROOT, "%d %s, h = %s, probe seed %d (%s)", e.probes(),
                e.noise().name().toLowerCase(Locale.ROOT), (float) e.h(), e.seed(),
                e.stop() == TraceEstimate.Stop.TARGET_REACHED ? "target se reached" : "probe count"));
        row(s, "tr H^2", Double.isNaN(e.traceSq()) ? "n/a (Rademacher probes)"
                : String.format(Locale.ROOT, "%.4e +- %.3e", e.traceSq(), e.traceSqSe()));
        row(s, "loss", String.format(Locale.ROOT, "%.6f (mean cross-entropy at the current weights)", e.centreLoss()));
        if (check != null) {
            checkRows(s, check);
        }
        if (curvature.dynamics() != null) {
            stabilityRows(s);
        }
        row(s, "time", String.format(Locale.ROOT, "%.1f s estimate: %.3f s/probe, %d forwards/probe; load %.1f s, %d threads",
                timing.seconds(), secondsPerProbe(), timing.forwardsPerProbe(), timing.loadSeconds(), setup.threads()));
        row(s, "", String.format(Locale.ROOT, "%d forwards in %.1f s (%.3f s each), %.1f s perturbing and restoring theta",
                timing.forwards(), timing.forwardSeconds(), timing.forwardSeconds() / timing.forwards(),
                timing.seconds() - timing.forwardSeconds()));
        return s.toString().stripTrailing();
    }

    private static void checkRows(StringBuilder s, StepCheck c) {
        row(s, "check h", String.format(Locale.ROOT, "%s: Tr H %.4e at 2h = %s, paired q(h)-q(2h) %.3e [%.3e, %.3e]",
                c.consistent() ? "consistent" : "DISAGREE", c.atDoubleH().trace(), (float) c.atDoubleH().h(),
                c.difference(), c.differenceLow(), c.differenceHigh()));
        row(s, "", String.format(Locale.ROOT, "truncation bias of Tr H at h %.3e (%.2f %% of Tr H, %.2f se); "
                        + "Richardson (4T(h)-T(2h))/3 = %.4e", c.truncationBias(),
                100 * Math.abs(c.truncationBias() / c.atH().trace()), c.biasInStandardErrors(), c.extrapolated()));
        row(s, "", String.format(Locale.ROOT, "loss rounding moves a probe by at most %.3e", c.roundingBound()));
        for (String w : c.warnings()) {
            row(s, "warning", w);
        }
    }

    private void stabilityRows(StringBuilder s) {
        CurvatureMeasurement r = curvature;
        row(s, "optimizer", String.format(Locale.ROOT, "%s, lr %.3g", optimizer.describe(), r.lr()));
        row(s, "threshold", String.format(Locale.ROOT, "%.4e   Tr H must stay below it", r.threshold()));
        double sEta = r.stabilityS();
        row(s, "S(lr)", Double.isNaN(sEta) ? "n/a" : String.format(Locale.ROOT, "%.4e   %s", sEta,
                sEta >= 1 ? ">= 1: unstable" : "< 1"));
        StabilityBounds b = r.bounds();
        if (b == null) {
            row(s, "verdict", "none (the trace estimate is not positive)");
            return;
        }
        row(s, "lr bounds", String.format(Locale.ROOT, "%s, unstable from %s", b.hasLower()
                ? String.format(Locale.ROOT, "stable below %.4e", b.lower()) : "no lr proven stable (H may be indefinite)",
                Double.isInfinite(b.upper()) ? "(no bound)" : String.format(Locale.ROOT, "%.4e", b.upper())));
        row(s, "verdict", b.verdict(r.lr()).label());
    }

    private static void row(StringBuilder s, String label, String value) {
        s.append(String.format(Locale.ROOT, "%-10s %s%n", label, value));
    }
}
