package dev.zotuner.tuner.run;

import dev.zotuner.tuner.rundir.MetricsLog;
import dev.zotuner.tuner.rundir.StepRecord;
import java.util.List;

/**
 * What {@link RunDirectory#resumeAt} did to the run directory, and the log the resumed run
 * continues.
 *
 * @param step               the step training resumes after (θ has had this many updates)
 * @param droppedLines       lines cut from the end of {@code metrics.jsonl} (written after the step)
 * @param discardedSnapshots steps of the deleted snapshots that were newer than {@code step}
 * @param metrics            the kept records (e.g. to recover the best dev accuracy so far and the
 *                           cumulative {@code seconds})
 */
public record Resumption(long step, int droppedLines, List<Long> discardedSnapshots,
                         MetricsLog metrics) {

    public Resumption {
        if (step < 0 || droppedLines < 0) {
            throw new IllegalArgumentException("negative step " + step + " or dropped lines "
                    + droppedLines);
        }
        discardedSnapshots = List.copyOf(discardedSnapshots);
    }

    /** The cumulative seconds in steps of the last kept step line with a finite one, or 0. */
    public double trainSeconds() {
        List<StepRecord> steps = metrics.steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (Double.isFinite(steps.get(i).trainSeconds())) {
                return steps.get(i).trainSeconds();
            }
        }
        return 0.0;
    }

    /** The cumulative wall time of the last kept step line with a finite one, or 0. */
    public double seconds() {
        List<StepRecord> steps = metrics.steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (Double.isFinite(steps.get(i).seconds())) {
                return steps.get(i).seconds();
            }
        }
        return 0.0;
    }
}
