package dev.zotuner.eval;

import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.tokenizer.TokenBatch;

/**
 * Maps a model's outputs for prompted inputs to one logit per class.
 *
 * <p>A head renders a sentence into the model's input text and, once per scoring pass at the current
 * weights θ, {@linkplain #prepare prepares} a scorer (the similarity head embeds its label prompts
 * there, so inputs and labels are always scored with the same θ).
 */
public interface ClassHead {

    /** Number of classes. */
    int classes();

    /** The model input for one sentence (template applied). */
    String render(String sentence);

    /** Prepares scoring at the model's current weights; the scorer is valid until θ changes. */
    BatchScorer prepare(LanguageModel model);

    /** Scores one tokenized batch: {@code [rows][classes]} logits. */
    @FunctionalInterface
    interface BatchScorer {
        double[][] score(TokenBatch batch);
    }
}
