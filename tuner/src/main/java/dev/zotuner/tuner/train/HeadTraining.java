package dev.zotuner.tuner.train;

import dev.zotuner.eval.HeadWeights;
import dev.zotuner.eval.PrototypeHead;
import dev.zotuner.tasks.Example;
import dev.zotuner.tuner.run.RunDirectory;
import dev.zotuner.tuner.rundir.HeadCheckpoint;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The head trained exactly beside the zeroth-order encoder update ({@code --head prototype}). Per ZO step the head is
 * held fixed for every probe θ ± εz, so the step's projected gradient is that of one loss, and afterwards takes one
 * Adam step ({@link HeadTrainer}) on the mean of the exact head gradients of those probes' batches
 * ({@link FewShotObjective#headGradient}): coordinate descent with an exact block (the head) and a zeroth-order block
 * (the model), all from forward passes (in the spirit of LP-FT, Kumar et al. 2022, but simultaneous). Before the first
 * step, optionally, {@link HeadConfig#warmup()} full-batch steps on the training examples' embeddings by the base
 * model: a linear probe started at the zero-shot prototypes. Step 0's evaluations score the untouched zero-shot head.
 *
 * <p>Its state after step t is in {@code head/step-<t>.json} at every dev evaluation, snapshot and stop (the newest
 * two and the best step's are kept): a resumed run continues from the newest one (the log after it is redone, bit for
 * bit), and the best checkpoint gets its head back. One per {@link TrainingLoop}.
 */
final class HeadTraining {

    private final HeadConfig config;
    private final PrototypeHead head;
    private final FewShotObjective objective;
    private final RunDirectory run;
    private final HeadTrainer trainer;
    private final HeadWeights zeroShot;
    private HeadTrainer.State state;

    private HeadTraining(HeadConfig config, PrototypeHead head, FewShotObjective objective, RunDirectory run) {
        this.config = config;
        this.head = head;
        this.objective = objective;
        this.run = run;
        this.trainer = new HeadTrainer(config);
        this.zeroShot = head.weights();
        this.state = HeadTrainer.State.start(zeroShot);
    }

    /** The head training of {@code config}'s run, or null when its head is not trained. */
    static HeadTraining of(FineTuneConfig config, FewShotSetup setup, RunDirectory run) {
        HeadConfig head = config.prompt().head();
        if (head == null) {
            return null;
        }
        PrototypeHead trained = setup.objective().trainedHead().orElseThrow(() -> new IllegalStateException(
                "config.json has a head, but the classifier's head is " + setup.classifier().head().getClass().getSimpleName()));
        return new HeadTraining(head, trained, setup.objective(), run);
    }

    /** The newest step whose head is on disk (0: none, the zero-shot head): where a resumed run continues. */
    long newestCheckpoint() {
        List<Long> steps = run.heads().steps();
        return steps.isEmpty() ? 0 : steps.get(steps.size() - 1);
    }

    /** The head of step {@code step} into the classifier (0: the zero-shot head, unless a checkpoint of 0 exists). */
    void resumeAt(long step) {
        state = step == 0 ? run.heads().read(0).map(HeadTrainer.State::of).orElse(HeadTrainer.State.start(zeroShot))
                : run.heads().read(step).map(HeadTrainer.State::of).orElseThrow(() -> new IllegalStateException(
                        run.path().resolve(HeadCheckpoint.DIR).resolve(HeadCheckpoint.fileName(step))
                                + " is missing: the head of step " + step + " cannot be rebuilt"));
        head.set(state.weights());
    }

    /** Before step {@code t}: the warm-up, before step 1 (the loop then records the head gradients of the probes). */
    void beforeStep(long t) {
        if (t == 1 && config.warmup() > 0 && state.updates() == 0) {
            List<Example> train = objective.examples();
            double[][] features = PrototypeHead.features(objective.classifier().representations(train));
            int[] labels = train.stream().mapToInt(Example::label).toArray();
            for (int i = 0; i < config.warmup(); i++) {
                state = trainer.update(state, head.gradient(features, labels));
                head.set(state.weights());
            }
        }
    }

    /** After the step's probes: one Adam step of the head on their mean gradient. */
    void afterStep() {
        objective.headGradient().ifPresent(g -> {
            state = trainer.update(state, g);
            head.set(state.weights());
        });
    }

    /**
     * Writes the head after step {@code t} and deletes older checkpoints but the previous one and that of
     * {@code bestStep} (its head is what the final test scores).
     */
    void checkpoint(long t, long bestStep) {
        long previous = newestCheckpoint();
        run.heads().write(state.checkpoint(t, head.scale()));
        Set<Long> keep = new HashSet<>(List.of(t, previous, bestStep));
        run.heads().retain(keep);
    }

    /** The head of step {@code step} (the best on dev) into the classifier; the training state is left as it is. */
    void restore(long step) {
        HeadWeights w = step == 0 ? state.initial() : run.heads().read(step).map(c -> new HeadWeights(c.prototypes(),
                c.bias())).orElseThrow(() -> new IllegalStateException(run.path().resolve(HeadCheckpoint.DIR)
                .resolve(HeadCheckpoint.fileName(step)) + " is missing: the best step's head was not kept"));
        head.set(w);
    }
}
