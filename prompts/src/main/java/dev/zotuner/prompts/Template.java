package dev.zotuner.prompts;

import java.util.Objects;

/**
 * An LM-BFF prompt template (Gao et al. 2021): text with one {@value #SENTENCE} slot for the example
 * and one {@value #MASK} slot for the label word, e.g. {@code <sentence> It was [MASK] .}.
 *
 * <p>How each model kind sees it, for sentence {@code A fine film .}:
 * <ul>
 *   <li>masked LM ({@link #forMaskedLm}): the mask slot becomes the tokenizer's mask token:
 *       {@code A fine film . It was [MASK] .} (or {@code <mask>} for RoBERTa).</li>
 *   <li>causal LM ({@link #forCausalLm}): the template is cut right before the mask slot and the
 *       whitespace before it is dropped: {@code A fine film . It was}; the label word is the next
 *       token, tokenized with a leading space (see {@link #wordAfterSpace()}). Text after the mask
 *       slot is not used. A template whose mask comes before the sentence (TREC's
 *       {@code [MASK] : <sentence>}) cannot be cut this way and is rejected.</li>
 *   <li>encoder / similarity head ({@link #forEncoder}): the mask slot is removed:
 *       {@code A fine film . It was .}; each class is the {@link #labelPrompt} {@code It was great .}.</li>
 * </ul>
 * When a slot is removed, the whitespace after it is dropped if whitespace already precedes it, so
 * no double space appears; every rendered text is stripped at both ends. Slots are filled by
 * position, so a sentence that itself contains {@code [MASK]} is never re-substituted.
 *
 * @param pattern the template text
 */
public record Template(String pattern) {

    /** The example slot. */
    public static final String SENTENCE = "<sentence>";
    /** The label-word slot. */
    public static final String MASK = "[MASK]";

    public Template {
        Objects.requireNonNull(pattern, "pattern");
        for (String slot : new String[] {SENTENCE, MASK}) {
            int count = count(pattern, slot);
            if (count != 1) {
                throw new PromptException("template '" + pattern + "' must contain " + slot
                        + " exactly once (found " + count + ")");
            }
        }
    }

    /** Input of a masked LM: the mask slot holds {@code maskToken} (e.g. {@code [MASK]}, {@code <mask>}). */
    public String forMaskedLm(String sentence, String maskToken) {
        return render(sentence, maskToken);
    }

    /** Input of a causal LM: the template up to the mask slot, trailing whitespace dropped. */
    public String forCausalLm(String sentence) {
        int s = pattern.indexOf(SENTENCE);
        int m = pattern.indexOf(MASK);
        if (m < s) {
            throw new PromptException("template '" + pattern + "' puts " + MASK + " before " + SENTENCE
                    + ", so a causal LM cannot predict it; use one that ends with the mask, e.g. '"
                    + SENTENCE + " It was " + MASK + " .'");
        }
        return (pattern.substring(0, s) + sentence + pattern.substring(s + SENTENCE.length(), m)).strip();
    }

    /** Input of an encoder for the similarity head: the mask slot removed. */
    public String forEncoder(String sentence) {
        return render(sentence, null);
    }

    /** The template with both slots filled: a demonstration, or a training text with its answer. */
    public String filled(String sentence, String word) {
        return render(sentence, word);
    }

    /** The class text of the similarity head: the sentence slot removed, the word in the mask slot. */
    public String labelPrompt(String word) {
        return render(null, word);
    }

    /**
     * Whether the label word follows whitespace in the rendered text (or starts it), so that it is
     * tokenized with a leading space, as LM-BFF does ({@code ' ' + word}).
     */
    public boolean wordAfterSpace() {
        int m = pattern.indexOf(MASK);
        return m == 0 || Character.isWhitespace(pattern.charAt(m - 1));
    }

    /** Fills the slots by position; a null fill removes its slot. */
    private String render(String sentence, String mask) {
        int s = pattern.indexOf(SENTENCE);
        int m = pattern.indexOf(MASK);
        boolean sentenceFirst = s < m;
        int first = Math.min(s, m);
        int firstEnd = first + (sentenceFirst ? SENTENCE.length() : MASK.length());
        int second = Math.max(s, m);
        int secondEnd = second + (sentenceFirst ? MASK.length() : SENTENCE.length());
        String[] pieces = {
            pattern.substring(0, first), sentenceFirst ? sentence : mask,
            pattern.substring(firstEnd, second), sentenceFirst ? mask : sentence,
            pattern.substring(secondEnd)};
        StringBuilder out = new StringBuilder();
        boolean afterRemoved = false;
        for (String piece : pieces) {
            if (piece == null) {
                afterRemoved = true;
                continue;
            }
            String text = piece;
            if (afterRemoved && (out.length() == 0 || Character.isWhitespace(out.charAt(out.length() - 1)))) {
                text = text.stripLeading();
            }
            out.append(text);
            afterRemoved &= text.isEmpty();
        }
        return out.toString().strip();
    }

    private static int count(String text, String slot) {
        int n = 0;
        for (int i = text.indexOf(slot); i >= 0; i = text.indexOf(slot, i + slot.length())) {
            n++;
        }
        return n;
    }
}
