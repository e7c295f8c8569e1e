package dev.zotuner.prompts;

import java.util.ArrayList;
import java.util.List;

/**
 * The class texts of the verbalizer-similarity head for encoder models: class {@code c} is the
 * template with the sentence slot removed and its label word in the mask slot (SST-2:
 * {@code It was terrible .}, {@code It was great .}). The head scores an example {@code x} as
 * {@code s · cos(embed(template.forEncoder(x)), embed(texts[c]))} with a scale {@code s}.
 *
 * @param texts one text per class, in class order
 */
public record LabelPrompts(List<String> texts) {

    public LabelPrompts {
        texts = List.copyOf(texts);
    }

    /** The label prompts of {@code verbalizer}'s words in {@code template}. */
    public static LabelPrompts of(Template template, Verbalizer verbalizer) {
        List<String> texts = new ArrayList<>(verbalizer.size());
        for (String word : verbalizer.words()) {
            texts.add(template.labelPrompt(word));
        }
        return new LabelPrompts(texts);
    }

    /** Number of classes. */
    public int size() {
        return texts.size();
    }

    /** The text of class {@code label}. */
    public String text(int label) {
        return texts.get(label);
    }
}
