package dev.zotuner.eval;

import dev.zotuner.models.LanguageModel;
import dev.zotuner.prompts.Demonstrations;
import dev.zotuner.prompts.PromptSet;
import dev.zotuner.prompts.Verbalizer;
import dev.zotuner.tasks.Example;
import dev.zotuner.tasks.kshot.TaskSplit;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The few-shot baselines fine-tuning must beat (MeZO, Malladi et al. 2023, Table 18): zero-shot
 * prompting, in-context learning (LM-BFF-style demonstrations, Gao et al. 2021; nearest demonstration
 * for encoders) and linear probing on frozen features. Every prompt's sentence is cut to fit {@code --max-length}
 * ({@link SentenceFit}); in-context demonstrations are then dropped until the prompt fits.
 *
 * @param model           borrowed, at its current weights
 * @param prompts         template and label words
 * @param similarityScale inverse temperature of the encoder heads
 * @param batchSize       examples per forward pass
 * @param stopped         asked before every forward batch: true → {@link java.util.concurrent.CancellationException}
 *                        (a graceful stop, {@link PromptedClassifier#stoppingWhen})
 */
public record Baselines(LanguageModel model, PromptSet prompts, double similarityScale, int batchSize,
                        BooleanSupplier stopped) {

    /** Baselines that run to the end. */
    public Baselines(LanguageModel model, PromptSet prompts, double similarityScale, int batchSize) {
        this(model, prompts, similarityScale, batchSize, () -> false);
    }

    /** Test scores of prompting without any training examples. */
    public ClassificationScores zeroShot(TaskSplit split) {
        ClassHead head = Heads.forModel(model, prompts, split.labels(), similarityScale);
        return new PromptedClassifier(model, head, SentenceFit.prompts(model, head), batchSize, stopped).score(split.test());
    }

    /**
     * Test scores with the split's training examples as demonstrations (k per class).
     *
     * @param seed       orders and picks demonstrations
     * @param maxTokens  token budget of a prompt with its demonstrations, special tokens included (LM models)
     */
    public ClassificationScores inContext(TaskSplit split, long seed, int maxTokens) {
        if (!model.kind().hasLogits()) {
            ClassHead head = new NearestDemonstrationHead(prompts.template(), split.train(), split.labels().size(),
                    similarityScale);
            return new PromptedClassifier(model, head, SentenceFit.prompts(model, head), batchSize, stopped).score(split.test());
        }
        Verbalizer verbalizer = prompts.verbalizer(split.labels());
        ClassHead head = Heads.forModel(model, prompts, split.labels(), similarityScale);
        int perClass = Math.max(1, split.train().size() / split.labels().size());
        Demonstrations demos = new Demonstrations(prompts.template(), verbalizer, split.train(), perClass, seed, " ");
        TokenizerVocabulary vocab = new TokenizerVocabulary(model.tokenizer());
        Function<Example, String> query = SentenceFit.prompts(model, head);
        int budget = Math.max(1, maxTokens - model.tokenizer().encode("").length()); // room for the special tokens
        return new PromptedClassifier(model, head,
                e -> demos.prepend(e, query.apply(e), vocab, budget), batchSize, stopped).score(split.test());
    }

    /** Logistic regression on frozen features of the train split, C chosen on the dev split. */
    public LinearProbeResult linearProbe(TaskSplit split) {
        ClassHead head = Heads.forModel(model, prompts, split.labels(), similarityScale);
        int classes = split.labels().size();
        float[][] train = FeatureExtractor.features(model, head, split.train(), batchSize, stopped);
        float[][] dev = FeatureExtractor.features(model, head, split.dev(), batchSize, stopped);
        float[][] test = FeatureExtractor.features(model, head, split.test(), batchSize, stopped);
        LinearProbe probe = LinearProbe.trainSelectingC(train, labels(split.train()), dev, labels(split.dev()), classes);
        return new LinearProbeResult(probe.c(), ClassificationScores.of(probe.logits(test, classes), labels(split.test()), classes));
    }

    /** A linear probe's chosen C and its test scores. */
    public record LinearProbeResult(double c, ClassificationScores test) {
    }

    private static int[] labels(List<Example> examples) {
        return examples.stream().mapToInt(Example::label).toArray();
    }
}
