package dev.zotuner.tuner.train;

import java.util.Objects;

/**
 * What the training loop does around the steps: how many, on which batches, what it evaluates, measures and keeps.
 *
 * @param steps          optimizer steps (≥ 1)
 * @param batch          examples per step, 0 = full batch
 * @param objective      the loss minimised: cross-entropy, or −accuracy
 * @param evalEvery      dev evaluation period in steps
 * @param snapshotEvery  weight snapshot period in steps
 * @param curvatureEvery Hutchinson trace period in steps, 0 = off
 * @param probes         Hutchinson probes per measurement
 * @param ritzDirections recent directions for the λmax lower bound, 0 = off
 * @param centerLoss     evaluate L(θ) every step for a one-probe trace sample
 * @param budget         time budget and test curve
 * @param selection      which evaluated checkpoint is kept and tested
 */
public record LoopSettings(long steps, int batch, FewShotObjective.Kind objective, long evalEvery, long snapshotEvery,
                           long curvatureEvery, int probes, int ritzDirections, boolean centerLoss, BudgetConfig budget,
                           CheckpointSelection selection) {

    /** {@code --objective}: cross-entropy, accuracy. */
    public static final Vocabulary<FewShotObjective.Kind> OBJECTIVES =
            Vocabulary.lowerCase("--objective", FewShotObjective.Kind.class);

    public LoopSettings {
        Objects.requireNonNull(objective, "objective");
        budget = budget == null ? BudgetConfig.none() : budget;
        selection = selection == null ? CheckpointSelection.devAccuracy() : selection;
        check(steps >= 1, "--steps must be ≥ 1, got " + steps);
        check(batch >= 0, "--batch must be ≥ 1 or 'full', got " + batch);
        check(evalEvery >= 1, "--eval-every must be ≥ 1, got " + evalEvery);
        check(snapshotEvery >= 1, "--snapshot-every must be ≥ 1, got " + snapshotEvery);
        check(curvatureEvery >= 0, "--curvature-every must be ≥ 0, got " + curvatureEvery);
    }

    /** The best dev accuracy is kept, step 0 included (the default selection). */
    public LoopSettings(long steps, int batch, FewShotObjective.Kind objective, long evalEvery, long snapshotEvery,
                        long curvatureEvery, int probes, int ritzDirections, boolean centerLoss, BudgetConfig budget) {
        this(steps, batch, objective, evalEvery, snapshotEvery, curvatureEvery, probes, ritzDirections, centerLoss,
                budget, null);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
