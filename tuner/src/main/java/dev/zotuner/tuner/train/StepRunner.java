package dev.zotuner.tuner.train;

import dev.zotuner.tuner.objective.Objective;
import dev.zotuner.tuner.optim.StepLog;
import dev.zotuner.tuner.optim.ZoOptimizer;

/**
 * How {@link TrainingLoop} takes a step: in this process ({@link #LOCAL}, {@link ZoOptimizer#step}) or with the
 * directions' losses estimated by workers elsewhere and applied here with {@link ZoOptimizer#applyEstimated} (the
 * {@code spark} module's {@code zo finetune --master … --workers W}). Either way the step's {@link StepLog} is the same
 * bit for bit, and so are the step line written and θ afterwards.
 */
@FunctionalInterface
public interface StepRunner {

    /** Steps in this process, fusing the next step's first probe when asked ({@link ZoOptimizer#step(Objective, int[], boolean)}). */
    StepRunner LOCAL = ZoOptimizer::step;

    /**
     * Takes the optimizer's next step on {@code batch}; θ holds the updated weights afterwards, or (when
     * {@code nextStepFollows} and the runner fuses) the next step's first probe, bit for bit what the unfused passes give.
     *
     * @param nextStepFollows θ's next reader is the next step (the caller evaluates, snapshots or stops otherwise)
     * @throws dev.zotuner.tuner.optim.NonFiniteLoss for a non-finite loss (θ unchanged), as {@link ZoOptimizer#step}
     */
    StepLog step(ZoOptimizer optimizer, Objective objective, int[] batch, boolean nextStepFollows);
}
