package dev.zotuner.tuner.cli;

import dev.zotuner.tuner.train.BudgetConfig;
import dev.zotuner.tuner.train.CheckpointSelection;
import dev.zotuner.tuner.train.FewShotObjective;
import dev.zotuner.tuner.train.LoopSettings;
import picocli.CommandLine.Option;

/** The training loop's options ({@code finetune}): steps, batches, evaluation, snapshots, curvature and budget. */
public final class LoopOptions {

    @Option(names = "--steps", defaultValue = "1000", description = "Optimizer steps. Default: ${DEFAULT-VALUE}.")
    long steps;

    @Option(names = "--batch", defaultValue = "16", paramLabel = "N|full",
            description = "Examples per step, or 'full' (full-batch ZO). Default: ${DEFAULT-VALUE}.")
    String batch;

    @Option(names = "--objective", converter = OptionChoices.Objective.class, completionCandidates = OptionChoices.Objective.class,
            defaultValue = "cross-entropy", paramLabel = "cross-entropy|accuracy",
            description = "Loss to minimise; 'accuracy' minimises −accuracy. Default: ${DEFAULT-VALUE}.")
    FewShotObjective.Kind objective;

    @Option(names = "--eval-every", defaultValue = "100", description = "Dev evaluation period. Default: ${DEFAULT-VALUE}.")
    long evalEvery;

    @Option(names = "--snapshot-every", defaultValue = "250", description = "Weight snapshot period. Default: ${DEFAULT-VALUE}.")
    long snapshotEvery;

    @Option(names = "--curvature-every", defaultValue = "0",
            description = "Hutchinson Tr H of the train loss every N steps (0 = off). Default: ${DEFAULT-VALUE}.")
    long curvatureEvery;

    @Option(names = "--probes", defaultValue = "8", description = "Probes per curvature measurement. Default: ${DEFAULT-VALUE}.")
    int probes;

    @Option(names = "--ritz", defaultValue = "0",
            description = "Recent directions for the λmax lower bound (0 = off). Default: ${DEFAULT-VALUE}.")
    int ritz;

    @Option(names = "--center-loss", description = "Also evaluate L(θ) each step: a one-probe trace sample per step.")
    boolean centerLoss;

    @Option(names = "--time-budget", defaultValue = "0", paramLabel = "SECONDS",
            description = "Stop once this many seconds were spent in steps (evaluations not counted; --steps still caps "
                    + "the run); 0 = no limit. Default: ${DEFAULT-VALUE}.")
    double timeBudget;

    @Option(names = "--budget-evaluations", description = "--time-budget also counts the dev evaluations (the test "
            + "curve's scoring is never counted): the wall clock a user waits between the first step and the last evaluation.")
    boolean budgetEvaluations;

    @Option(names = "--test-curve", description = "Also score the test split at every dev evaluation (test accuracy "
            + "against time and forward passes; the final test line still scores the best dev checkpoint).")
    boolean testCurve;

    @Option(names = "--select", defaultValue = "dev-accuracy", paramLabel = "dev-accuracy|dev-loss",
            description = "The checkpoint kept and tested: best dev accuracy, or lowest dev cross-entropy (steadier on "
                    + "32–96 dev examples). Default: ${DEFAULT-VALUE}.")
    String select;

    @Option(names = "--select-from", defaultValue = "0", paramLabel = "STEP",
            description = "Only evaluations at step ≥ STEP are candidates (LM-BFF's rule is 100); 0 keeps the base "
                    + "model a candidate. Default: ${DEFAULT-VALUE}.")
    long selectFrom;

    @Option(names = "--average", defaultValue = "0", paramLabel = "STEPS",
            description = "Evaluate, keep, test and export the running average of the iterates over about the last "
                    + "STEPS steps instead of the iterate itself (Polyak-Ruppert averaging; one more float per "
                    + "trainable weight); 0 = off. Default: ${DEFAULT-VALUE}.")
    long average;

    /** The loop section of the run's config. */
    LoopSettings settings() {
        int b;
        try {
            b = batch.equals("full") ? 0 : Integer.parseInt(batch);
        } catch (NumberFormatException e) {
            b = -1;
        }
        if (b < 1 && !batch.equals("full")) {
            throw new IllegalArgumentException("--batch must be ≥ 1 or 'full', got " + batch);
        }
        return new LoopSettings(steps, b, objective, evalEvery, snapshotEvery, curvatureEvery, probes, ritz, centerLoss,
                new BudgetConfig(timeBudget, testCurve, budgetEvaluations),
                CheckpointSelection.ofOption(select, selectFrom).averaging(average));
    }
}
