package dev.zotuner.eval;

import dev.zotuner.models.LanguageModel;
import dev.zotuner.prompts.PromptSet;
import dev.zotuner.tasks.LabelSet;

/** Picks the head a model's kind calls for: label-word logits for LMs, label-prompt similarity for encoders. */
public final class Heads {

    private Heads() {
    }

    /** The zero-shot / fine-tuning head for {@code model} with these prompts. */
    public static ClassHead forModel(LanguageModel model, PromptSet prompts, LabelSet labels, double similarityScale) {
        return model.kind().hasLogits()
                ? VerbalizerHead.of(model, prompts.template(), prompts.verbalizer(labels))
                : new SimilarityHead(prompts.template(), prompts.labelPrompts(labels), similarityScale);
    }
}
