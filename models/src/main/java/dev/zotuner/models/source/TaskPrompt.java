package dev.zotuner.models.source;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A model's own default prompt for one task, in the prompt-file terms of the {@code prompts} module (kept as
 * plain text here, so {@code models} does not depend on {@code prompts}): a template with {@code <sentence>}
 * and {@code [MASK]}, and one label word (or phrase) per label value. For an encoder the similarity head
 * compares the template with the mask slot removed against each label prompt (the template with the sentence
 * slot removed and the word in the mask slot).
 *
 * @param template   e.g. {@code <sentence> It was [MASK] .}
 * @param labelWords label value (as in the data) → word, in class order
 * @param why        how it was chosen, one line
 */
public record TaskPrompt(String template, Map<String, String> labelWords, String why) {

    public TaskPrompt {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(why, "why");
        if (labelWords.isEmpty()) {
            throw new IllegalArgumentException("prompt '" + template + "': no label words");
        }
        labelWords = Collections.unmodifiableMap(new LinkedHashMap<>(labelWords));
    }
}
