package dev.zotuner.tuner.report;

import dev.zotuner.tuner.rundir.EvalRecord;
import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleBiFunction;
import org.knowm.xchart.XYChart;

/**
 * Accuracy against cost, for comparing methods by what they buy in the time a user has: test accuracy of θ at
 * each evaluation ({@code test-curve} lines, solid with markers; step 0's test score starts the curve) and dev
 * accuracy (dashed), against the seconds spent in steps ({@code train_seconds}) or against forward passes
 * (2 per direction per step). Runs whose labels differ only in a {@code seed=N} part are one line: the mean over
 * them at each evaluation (x and accuracy alike, over the evaluations all of them reached), so a study's seeds do
 * not crowd the figure. The figures exist only when some run has a test curve ({@code --test-curve}); there, runs
 * without one draw their dev curve only. Runs written before {@code train_seconds} existed are left out of the
 * time figure.
 */
final class TimeToAccuracy {

    private TimeToAccuracy() {
    }

    /** Accuracy against seconds spent in steps. */
    static Optional<XYChart> seconds(List<Run> runs, List<String> labels) {
        return chart("Test (solid) and dev (dashed) accuracy against seconds in steps", "seconds spent in steps",
                runs, labels, (run, step) -> {
                    if (step == 0) {
                        return 0;
                    }
                    return trainSeconds(run).getOrDefault(step, Double.NaN);
                });
    }

    /** Accuracy against forward passes (2 per direction per step). */
    static Optional<XYChart> forwardPasses(List<Run> runs, List<String> labels) {
        return chart("Test (solid) and dev (dashed) accuracy against forward passes", "forward passes",
                runs, labels, (run, step) -> 2.0 * step * directions(run));
    }

    private static Optional<XYChart> chart(String title, String xTitle, List<Run> runs, List<String> labels,
                                           ToDoubleBiFunction<Run, Long> x) {
        if (runs.stream().noneMatch(r -> r.metrics().evals().stream().anyMatch(e -> EvalRecord.TEST_CURVE.equals(e.split())))) {
            return Optional.empty();    // dev accuracy alone is dev-accuracy.png
        }
        XYChart chart = ChartStyle.newChart(title, "accuracy (%)");
        chart.setXAxisTitle(xTitle);
        Map<String, List<Run>> groups = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            groups.computeIfAbsent(labels.get(i).replaceAll("\\s*seed=\\S+", "").trim(), k -> new ArrayList<>())
                    .add(runs.get(i));
        }
        int colour = 0;
        for (Map.Entry<String, List<Run>> g : groups.entrySet()) {
            String name = g.getValue().size() > 1 ? g.getKey() + " (mean of " + g.getValue().size() + ")" : g.getKey();
            Curve test = mean(g.getValue(), TimeToAccuracy::testCurve, x);
            Curve dev = mean(g.getValue(), run -> run.metrics().devEvals(), x);
            Color c = ChartStyle.colour(colour++);
            if (test.size() > 1) {
                ChartStyle.withMarkers(chart, name, test, c);
                if (!dev.isEmpty()) {
                    ChartStyle.dashed(chart, name + " dev", dev, c);
                }
            } else if (!dev.isEmpty()) {
                ChartStyle.withMarkers(chart, name + " (dev)", dev, c);
            }
        }
        return chart.getSeriesMap().isEmpty() ? Optional.empty() : Optional.of(chart);
    }

    /** Step 0's test score, then the test-curve evaluations. */
    private static List<EvalRecord> testCurve(Run run) {
        List<EvalRecord> test = new ArrayList<>();
        run.metrics().testEvals().stream().filter(e -> e.step() == 0).findFirst().ifPresent(test::add);
        run.metrics().evals().stream().filter(e -> EvalRecord.TEST_CURVE.equals(e.split())).forEach(test::add);
        return test;
    }

    /** The mean over {@code runs} of x and accuracy at each evaluation index all of them reached. */
    private static Curve mean(List<Run> runs, Function<Run, List<EvalRecord>> evals, ToDoubleBiFunction<Run, Long> x) {
        int n = runs.stream().mapToInt(r -> evals.apply(r).size()).min().orElse(0);
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (Run run : runs) {
            List<EvalRecord> e = evals.apply(run);
            for (int i = 0; i < n; i++) {
                xs[i] += x.applyAsDouble(run, e.get(i).step()) / runs.size();
                ys[i] += 100.0 * e.get(i).accuracy() / runs.size();
            }
        }
        return Curve.finite(xs, ys);
    }

    private static Map<Long, Double> trainSeconds(Run run) {
        Map<Long, Double> m = new HashMap<>();
        run.metrics().steps().forEach(s -> m.put(s.step(), s.trainSeconds()));
        return m;
    }

    private static double directions(Run run) {
        return run.config().get("directions").map(Double::parseDouble).orElse(1.0);
    }
}
