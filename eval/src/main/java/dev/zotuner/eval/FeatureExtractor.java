package dev.zotuner.eval;

import dev.zotuner.models.LanguageModel;
import dev.zotuner.tasks.Example;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Frozen features for linear probing: the representation the model gives for each prompted example
 * (pooled embedding for an encoder; the full logits row at the mask / next token for an LM).
 */
public final class FeatureExtractor {

    private FeatureExtractor() {
    }

    /**
     * One feature row per example, in the caller's order; {@code head} supplies the prompt rendering, whose sentence is
     * cut to fit {@code --max-length} ({@link SentenceFit}).
     */
    public static float[][] features(LanguageModel model, ClassHead head, List<Example> examples, int batchSize) {
        return features(model, head, examples, batchSize, () -> false);
    }

    /** As {@link #features(LanguageModel, ClassHead, List, int)}, stopping when asked ({@link PromptedClassifier#stoppingWhen}). */
    public static float[][] features(LanguageModel model, ClassHead head, List<Example> examples, int batchSize,
                                     BooleanSupplier stopped) {
        return new PromptedClassifier(model, head, SentenceFit.prompts(model, head), batchSize, stopped)
                .representations(examples);
    }
}
