package dev.zotuner.tuner.train;

import dev.zotuner.eval.ClassHead;
import dev.zotuner.eval.Heads;
import dev.zotuner.eval.PromptedClassifier;
import dev.zotuner.eval.PrototypeHead;
import dev.zotuner.models.LanguageModel;
import dev.zotuner.prompts.PromptSet;
import dev.zotuner.tasks.Task;
import dev.zotuner.tasks.kshot.KShotSplit;
import dev.zotuner.tasks.kshot.TaskSplit;
import java.nio.file.Path;

/**
 * What a fine-tuning run works on, built from its {@link FineTuneConfig}: the model, the k-shot split, the
 * prompted classifier and the few-shot objective. Owns the model; close it when the run ends.
 *
 * @param model      the loaded model (θ = {@code model.parameters()})
 * @param split      train / dev / test examples
 * @param classifier class logits at the current θ
 * @param objective  the training loss over {@code split.train()}
 */
public record FewShotSetup(LanguageModel model, TaskSplit split, PromptedClassifier classifier,
                           FewShotObjective objective) implements AutoCloseable {

    /** Loads everything {@code config} names. */
    public static FewShotSetup load(FineTuneConfig config, Path cacheDir) {
        Task task = config.task().load();
        TaskSplit split = KShotSplit.sample(task, config.task().k(), config.seed(),
                config.task().testCap() == 0 ? KShotSplit.NO_TEST_CAP : config.task().testCap());
        PromptSet prompts = config.prompt().promptSet();
        LanguageModel model = LanguageModel.load(config.modelSpec(cacheDir));
        try {
            ClassHead head = config.prompt().head() == null
                    ? Heads.forModel(model, prompts, split.labels(), config.prompt().similarityScale())
                    : prototypeHead(model, prompts, split, config.prompt());
            PromptedClassifier classifier = config.model().inputs().cutsSentence() ? PromptedClassifier.of(model, head)
                    : PromptedClassifier.cuttingPromptEnd(model, head);
            classifier.cachePrefix(split.train());    // frozen prefix once per example, before any step
            classifier.cachePrefix(split.dev());
            return new FewShotSetup(model, split, classifier,
                    new FewShotObjective(classifier, split.train(), config.loop().objective()));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The trained head at its zero-shot start: the label prompts embedded by the base model (θ as loaded). */
    private static PrototypeHead prototypeHead(LanguageModel model, PromptSet prompts, TaskSplit split, PromptSettings p) {
        if (model.kind().hasLogits()) {
            throw new IllegalArgumentException("--head " + p.head().method() + " needs a sentence encoder (its head "
                    + "replaces the label-prompt similarity); this model is a " + model.kind().label() + " with label-word logits");
        }
        return new PrototypeHead(prompts.template(), p.similarityScale(),
                PrototypeHead.zeroShot(model, prompts.labelPrompts(split.labels())));
    }

    @Override
    public void close() {
        model.close();
    }
}
