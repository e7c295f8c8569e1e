package dev.zotuner.tuner.report;

import dev.zotuner.tuner.rundir.CurvatureRecord;
import dev.zotuner.tuner.rundir.EvalRecord;
import dev.zotuner.tuner.rundir.MetricsLog;
import dev.zotuner.tuner.rundir.RunSummary;
import dev.zotuner.tuner.rundir.StepRecord;
import java.util.List;
import java.util.OptionalLong;

/**
 * The numbers a report tabulates for one run. Non-finite values mean "not recorded".
 *
 * @param steps           the last step record's step: the number of steps taken when every step
 *                        is logged, and still when only every N-th is (toy runs)
 * @param plannedSteps    the config's {@code steps}, if given
 * @param finalDevAccuracy accuracy of the last dev evaluation
 * @param bestDevAccuracy  dev accuracy of the checkpoint the run selected ({@code summary.json}; a run still under
 *                         way: the best dev accuracy of the evals)
 * @param bestDevStep      its step
 * @param testAccuracy     from {@code summary.json}, else the last test evaluation
 * @param lastTrace        Tr H of the last curvature record
 * @param lastTraceSe      its standard error
 * @param lastThreshold    the stability threshold of the last curvature record
 * @param edgeRatio        mean of {@code Tr H·η/2} over the last 20 % of curvature records
 * @param edgeRecords      how many curvature records that mean is over
 */
public record RunStatistics(long steps, OptionalLong plannedSteps, double finalDevAccuracy,
                            double bestDevAccuracy, OptionalLong bestDevStep, double testAccuracy,
                            double lastTrace, double lastTraceSe, double lastThreshold,
                            double edgeRatio, int edgeRecords) {

    /** The fraction of curvature records, counted from the end, that the edge ratio averages. */
    public static final double TAIL_FRACTION = 0.2;

    /** The statistics of {@code run}. */
    public static RunStatistics of(Run run) {
        MetricsLog m = run.metrics();
        RunSummary summary = run.summary();
        List<EvalRecord> dev = m.devEvals();
        double finalDev = dev.isEmpty() ? Double.NaN : dev.get(dev.size() - 1).accuracy();
        double bestDev = summary.bestDevAccuracy();    // --select may pick by dev loss: the run's own choice
        OptionalLong bestStep = summary.bestStep();
        if (!Double.isFinite(bestDev) || bestStep.isEmpty()) {
            bestDev = Double.NaN;
            bestStep = OptionalLong.empty();
            for (EvalRecord e : dev) {
                if (Double.isFinite(e.accuracy()) && !(e.accuracy() <= bestDev)) {
                    bestDev = e.accuracy();
                    bestStep = OptionalLong.of(e.step());
                }
            }
        }
        List<EvalRecord> test = m.testEvals();
        double testAcc = Double.isFinite(summary.testAccuracy()) ? summary.testAccuracy()
                : test.isEmpty() ? Double.NaN : test.get(test.size() - 1).accuracy();
        List<CurvatureRecord> c = m.curvature();
        CurvatureRecord last = c.isEmpty() ? null : c.get(c.size() - 1);
        int tail = tailSize(c.size());
        long steps = m.steps().stream().mapToLong(StepRecord::step).max().orElse(0);
        return new RunStatistics(steps, run.config().steps(), finalDev, bestDev,
                bestStep, testAcc,
                last == null ? Double.NaN : last.trace(),
                last == null ? Double.NaN : last.traceSe(),
                last == null ? Double.NaN : last.threshold(),
                edgeRatio(c), tail);
    }

    /** The number of records in the last {@link #TAIL_FRACTION} of {@code n} (at least 1 if n > 0). */
    static int tailSize(int n) {
        return n == 0 ? 0 : Math.max(1, (int) Math.ceil(TAIL_FRACTION * n - 1e-9));
    }

    /**
     * The mean of {@code Tr H·η/2} over the last 20 % of {@code records} (non-finite values
     * skipped; NaN when none is left). For ZO-SGD this is Tr H over its threshold 2/η.
     */
    static double edgeRatio(List<CurvatureRecord> records) {
        int from = records.size() - tailSize(records.size());
        double sum = 0.0;
        int n = 0;
        for (CurvatureRecord r : records.subList(from, records.size())) {
            double v = r.halfLrTrace();
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The last Tr H over its threshold (NaN when not recorded). */
    public double lastTraceOverThreshold() {
        return lastTrace / lastThreshold;
    }
}
