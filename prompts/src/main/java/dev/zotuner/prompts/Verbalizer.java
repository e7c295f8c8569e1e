package dev.zotuner.prompts;

import dev.zotuner.tasks.LabelSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The verbalizer of LM-BFF (Gao et al. 2021): one label word per class, e.g. SST-2
 * {@code terrible}/{@code great}. For masked and causal LMs each word must be a single token (the
 * head reads that token's logit); for the similarity head a word may be a phrase.
 *
 * @param labels the task's classes
 * @param words  the label word of each class, in class order
 * @param source where the words came from (a prompt file, or the built-in defaults), for messages
 */
public record Verbalizer(LabelSet labels, List<String> words, String source) {

    public Verbalizer {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(source, "source");
        words = List.copyOf(words);
        if (words.size() != labels.size()) {
            throw new PromptException(source + ": " + words.size() + " label words for "
                    + labels.size() + " classes " + labels.values());
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < words.size(); c++) {
            String w = words.get(c);
            if (w.isBlank()) {
                throw new PromptException(source + ": label word of '" + labels.value(c) + "' is blank");
            }
            Integer other = seen.put(w, c);
            if (other != null) {
                throw new PromptException(source + ": label word '" + w + "' is used for both '"
                        + labels.value(other) + "' and '" + labels.value(c) + "'");
            }
        }
    }

    /**
     * Orders {@code wordsByLabel} (label value → word) by class; every label needs a word and every
     * key must be a label.
     */
    public static Verbalizer of(LabelSet labels, Map<String, String> wordsByLabel, String source) {
        for (String key : wordsByLabel.keySet()) {
            if (labels.indexOf(key) < 0) {
                throw new PromptException(source + ": labelWords has a word for '" + key
                        + "', which is not a label (labels: " + String.join(", ", labels.values()) + ")");
            }
        }
        List<String> words = new ArrayList<>(labels.size());
        for (String label : labels.values()) {
            String w = wordsByLabel.get(label);
            if (w == null) {
                throw new PromptException(source + ": labelWords has no word for label '" + label + "'");
            }
            words.add(w);
        }
        return new Verbalizer(labels, words, source);
    }

    /** Number of classes. */
    public int size() {
        return words.size();
    }

    /** The label word of class {@code label}. */
    public String word(int label) {
        return words.get(label);
    }

    /**
     * The token id of each class's label word as it appears in {@code template}'s mask slot (with a
     * leading space if {@link Template#wordAfterSpace()}), for the masked-LM and causal-LM heads.
     *
     * @throws PromptException naming the word and its tokens if a word is not exactly one token, or
     *                         if two words share a token
     */
    public long[] tokenIds(TokenVocabulary vocabulary, Template template) {
        boolean space = template.wordAfterSpace();
        long[] ids = new long[words.size()];
        for (int c = 0; c < ids.length; c++) {
            String w = words.get(c);
            long[] t = vocabulary.wordIds(w, space);
            if (t.length != 1) {
                throw new PromptException(source + ": label word '" + w + "' of '" + labels.value(c)
                        + "' is " + t.length + " tokens " + spelled(vocabulary, t)
                        + ", but masked and causal LM heads need a single token");
            }
            ids[c] = t[0];
            for (int d = 0; d < c; d++) {
                if (ids[d] == ids[c]) {
                    throw new PromptException(source + ": label words '" + words.get(d) + "' and '" + w
                            + "' are the same token " + spelled(vocabulary, t));
                }
            }
        }
        return ids;
    }

    private static String spelled(TokenVocabulary vocabulary, long[] ids) {
        return Arrays.toString(Arrays.stream(ids).mapToObj(id -> vocabulary.token((int) id)).toArray());
    }
}
