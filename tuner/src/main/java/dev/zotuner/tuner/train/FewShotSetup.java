package dev.zotuner.tuner.train;

import dev.zotuner.eval.ClassHead;
import dev.zotuner.eval.Heads;
import dev.zotuner.eval.PromptedClassifier;
import dev.zotuner.models.LanguageModel;
import dev.zotuner.prompts.PromptSet;
import dev.zotuner.prompts.Template;
import dev.zotuner.tasks.CustomTaskOptions;
import dev.zotuner.tasks.Task;
import dev.zotuner.tasks.Tasks;
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
        Task task = task(config);
        TaskSplit split = KShotSplit.sample(task, config.k(), config.seed(),
                config.testCap() == 0 ? KShotSplit.NO_TEST_CAP : config.testCap());
        PromptSet prompts = new PromptSet("config", new Template(config.template()), config.labelWords());
        LanguageModel model = LanguageModel.load(config.modelSpec(cacheDir));
        try {
            ClassHead head = Heads.forModel(model, prompts, split.labels(), config.similarityScale());
            PromptedClassifier classifier = config.inputs().cutsSentence() ? PromptedClassifier.of(model, head)
                    : PromptedClassifier.cuttingPromptEnd(model, head);
            classifier.cachePrefix(split.train());    // frozen prefix once per example, before any step
            classifier.cachePrefix(split.dev());
            FewShotObjective.Kind kind = config.objective().equals("accuracy")
                    ? FewShotObjective.Kind.ACCURACY : FewShotObjective.Kind.CROSS_ENTROPY;
            return new FewShotSetup(model, split, classifier, new FewShotObjective(classifier, split.train(), kind));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The bundled task or the custom files the config names. */
    static Task task(FineTuneConfig c) {
        CustomTaskOptions options = CustomTaskOptions.defaults().withColumns(c.textColumn(), c.labelColumn())
                .withHeader(c.header()).withLabels(c.labels());
        return Tasks.resolve(c.task(), c.testFile() == null ? null : Path.of(c.testFile()), options);
    }

    @Override
    public void close() {
        model.close();
    }
}
