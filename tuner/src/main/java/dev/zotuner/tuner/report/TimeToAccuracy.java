package dev.zotuner.tuner.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleBiFunction;
import org.knowm.xchart.XYChart;

/**
 * Accuracy against cost, for comparing methods by what they buy in the time a user has: test accuracy of θ at
 * each evaluation ({@code test-curve} lines, solid with markers; step 0's test score starts the curve) and dev
 * accuracy (dashed), against the seconds spent in steps ({@code train_seconds}) or against forward passes
 * (2 per direction per step). Runs without a test curve draw their dev curve only; runs written before
 * {@code train_seconds} existed are left out of the time figure.
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
        XYChart chart = ChartStyle.newChart(title, "accuracy (%)");
        chart.setXAxisTitle(xTitle);
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            List<EvalRecord> test = new ArrayList<>();
            run.metrics().testEvals().stream().filter(e -> e.step() == 0).findFirst().ifPresent(test::add);
            run.metrics().evals().stream().filter(e -> EvalRecord.TEST_CURVE.equals(e.split())).forEach(test::add);
            Curve dev = curve(run, run.metrics().devEvals(), x);
            Curve testCurve = test.size() > 1 ? curve(run, test, x) : Curve.finite(new double[0], new double[0]);
            if (!testCurve.isEmpty()) {
                ChartStyle.withMarkers(chart, labels.get(i), testCurve, ChartStyle.colour(i));
            }
            if (!dev.isEmpty()) {
                if (testCurve.isEmpty()) {
                    ChartStyle.withMarkers(chart, labels.get(i) + " (dev)", dev, ChartStyle.colour(i));
                } else {
                    ChartStyle.dashed(chart, labels.get(i) + " dev", dev, ChartStyle.colour(i));
                }
            }
        }
        return chart.getSeriesMap().isEmpty() ? Optional.empty() : Optional.of(chart);
    }

    private static Curve curve(Run run, List<EvalRecord> evals, ToDoubleBiFunction<Run, Long> x) {
        return Curve.finite(evals.stream().mapToDouble(e -> x.applyAsDouble(run, e.step())).toArray(),
                evals.stream().mapToDouble(e -> 100.0 * e.accuracy()).toArray());
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
