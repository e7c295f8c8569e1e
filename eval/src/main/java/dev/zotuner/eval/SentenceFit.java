package dev.zotuner.eval;

import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.tokenizer.Tokenizer;
import dev.zotuner.tasks.Example;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Renders examples into prompts that fit the tokenizer's {@code --max-length} by cutting the <em>sentence</em>, never
 * the template or the label slot: a prompt that fits is returned as rendered; otherwise the sentence keeps its longest
 * prefix of whole tokens (its own tokenization, cut at a token's end) with which the whole prompt, special tokens
 * included, still fits. So a masked LM always sees its mask token, a causal LM always ends at the label position and
 * an encoder keeps the template text after the sentence. An example whose prompt does not fit even with an empty
 * sentence is a one-line error naming the example and {@code --max-length}.
 *
 * <p>Prompts are cached by sentence. Borrows the tokenizer (does not close it). Not thread-safe.
 */
public final class SentenceFit {

    private static final int SHOWN = 40;

    private final Tokenizer tokenizer;
    private final UnaryOperator<String> render;
    private final Map<String, String> prompts = new HashMap<>();

    /** @param render the prompt of a sentence (a head's rendering, {@link ClassHead#render}) */
    public SentenceFit(Tokenizer tokenizer, UnaryOperator<String> render) {
        this.tokenizer = tokenizer;
        this.render = render;
    }

    /** {@code head}'s prompts on {@code model}'s tokenizer, fitted: what every classifier of examples renders with. */
    public static Function<Example, String> prompts(LanguageModel model, ClassHead head) {
        return new SentenceFit(model.tokenizer(), head::render)::render;
    }

    /** The prompt of {@code example}, fitted to the tokenizer's maximum length. */
    public String render(Example example) {
        String cached = prompts.get(example.text());
        if (cached == null) {
            cached = fit(example);
            prompts.put(example.text(), cached);
        }
        return cached;
    }

    private String fit(Example example) {
        String text = example.text();
        String full = render.apply(text);
        if (tokenizer.fits(full)) {
            return full;
        }
        if (!tokenizer.fits(render.apply(""))) {
            throw new IllegalArgumentException("example " + example.row() + " (\"" + shown(text) + "\"): the prompt does "
                    + "not fit --max-length " + tokenizer.maxLength() + " even without its sentence; raise --max-length "
                    + "or shorten the template");
        }
        int[] ends = tokenizer.tokenEnds(text);
        int fits = 0;              // the prompt with this many sentence tokens fits
        int over = ends.length + 1; // ... and with this many it does not (the whole sentence did not)
        while (over - fits > 1) {
            int mid = (fits + over) >>> 1;
            if (tokenizer.fits(render.apply(prefix(text, ends, mid)))) {
                fits = mid;
            } else {
                over = mid;
            }
        }
        return render.apply(prefix(text, ends, fits));
    }

    /** The text of the first {@code k} tokens of {@code text}. */
    private static String prefix(String text, int[] ends, int k) {
        if (k == 0) {
            return "";
        }
        int end = Math.min(ends[Math.min(k, ends.length) - 1], text.length());
        if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end).strip();
    }

    private static String shown(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…";
    }
}
