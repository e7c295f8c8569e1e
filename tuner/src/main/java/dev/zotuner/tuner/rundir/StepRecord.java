package dev.zotuner.tuner.rundir;

import java.util.Set;

/**
 * One {@code "type":"step"} line of {@code metrics.jsonl}: the two perturbed losses of a
 * SPSA/MeZO step (Malladi et al., 2023, "Fine-Tuning Language Models with Just Forward Passes"),
 * the projected gradient {@code (L+ − L−)/(2ε)}, the learning rate and the cumulative wall time.
 * Optional fields are NaN when absent.
 *
 * @param step          step index
 * @param lossPlus      L(θ + εz)
 * @param lossMinus     L(θ − εz)
 * @param projectedGrad projected gradient g
 * @param lr            learning rate η used at this step
 * @param seconds       cumulative wall time
 * @param centerLoss    L(θ), when the loop evaluated it (NaN otherwise)
 * @param traceSample   one-probe trace estimate from the centre loss (NaN when absent)
 * @param traceRunning  running mean of {@code traceSample} (NaN when absent)
 * @param trainSeconds  cumulative seconds spent in steps, evaluations not counted (NaN in older runs)
 */
public record StepRecord(long step, double lossPlus, double lossMinus, double projectedGrad,
                         double lr, double seconds, double centerLoss, double traceSample,
                         double traceRunning, double trainSeconds) {

    /**
     * The fields of a step line that are not the optimizer's own: this record's, {@code type} and {@code seed}. Writers
     * do not let extras use them; {@link ReplayLog} reads everything else back as {@link ReplayStep#extras()}.
     */
    public static final Set<String> LINE_FIELDS = Set.of("type", "step", "seed", "loss_plus",
            "loss_minus", "projected_grad", "lr", "seconds", "center_loss", "trace_sample",
            "trace_running", "train_seconds");

    /** A record without the training-time split (toys, older runs). */
    public StepRecord(long step, double lossPlus, double lossMinus, double projectedGrad, double lr, double seconds,
                      double centerLoss, double traceSample, double traceRunning) {
        this(step, lossPlus, lossMinus, projectedGrad, lr, seconds, centerLoss, traceSample, traceRunning, Double.NaN);
    }

    /** The record in {@code f}; required fields missing → {@link RunDirectoryException}. */
    static StepRecord of(JsonFields f) {
        return new StepRecord(f.integer("step"), f.number("loss_plus"), f.number("loss_minus"),
                f.number("projected_grad"), f.number("lr"), f.number("seconds"),
                f.optionalNumber("center_loss"), f.optionalNumber("trace_sample"),
                f.optionalNumber("trace_running"), f.optionalNumber("train_seconds"));
    }

    /** The mean of the two perturbed losses, {@code (L+ + L−)/2}: the per-step train loss. */
    public double meanLoss() {
        return 0.5 * (lossPlus + lossMinus);
    }
}
