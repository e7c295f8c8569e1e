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
 */
public record PromptSettings(String template, Map<String, String> labelWords, double similarityScale) {

    public PromptSettings {
        labelWords = labelWords == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labelWords));
    }

    /** The prompt set these settings describe. */
    public PromptSet promptSet() {
        return new PromptSet("config", new Template(template), labelWords);
    }
}
