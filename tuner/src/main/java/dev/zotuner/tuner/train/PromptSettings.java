package dev.zotuner.tuner.train;

import dev.zotuner.prompts.PromptSet;
import dev.zotuner.prompts.Template;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How examples become model inputs and classes become outputs.
 *
 * @param template        prompt template
 * @param labelWords      label value → label word (the verbalizer)
 * @param similarityScale encoder head inverse temperature
 * @param head            the head trained beside the model ({@code --head prototype}); null: the similarity head with
 *                        re-embedded label prompts (an LM's label-word logits), as every run made before it
 */
public record PromptSettings(String template, Map<String, String> labelWords, double similarityScale, HeadConfig head) {

    public PromptSettings {
        labelWords = labelWords == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labelWords));
    }

    /** No trained head. */
    public PromptSettings(String template, Map<String, String> labelWords, double similarityScale) {
        this(template, labelWords, similarityScale, null);
    }

    /** The prompt set these settings describe. */
    public PromptSet promptSet() {
        return new PromptSet("config", new Template(template), labelWords);
    }
}
