package dev.zotuner.prompts;

import dev.zotuner.tasks.Example;
import dev.zotuner.tasks.kshot.SplitMix64;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * In-context demonstrations in the style of LM-BFF (Gao et al. 2021, Section 6) and GPT-3 (Brown
 * et al. 2020): {@code perClass} examples of every class, each rendered with its label word in the
 * mask slot ({@link Template#filled}), joined by {@code separator} and placed before the query:
 * {@code great film . It was great . dull . It was terrible . A fine film . It was [MASK] .}
 *
 * <p>Selection is deterministic: for a query with source row {@code r}, a {@link SplitMix64} seeded
 * with {@code mix(seed ^ mix(r))} permutes the pool; the first {@code perClass} examples of each
 * class in that order are taken (fewer if a class has fewer; the query itself is never its own
 * demonstration), then a second permutation from the same generator sets their order. So each query
 * gets its own demonstrations, independent of batch order or thread count.
 *
 * <p>Demonstrations come before the query (LM-BFF puts them after it for masked LMs; before is
 * required for causal LMs, whose prediction is the next token). Truncation policy, when a token
 * budget is given: whole demonstrations are dropped, farthest from the query first, until the text
 * fits; demonstrations are never cut mid-sentence and the query is never cut here: if the query
 * alone is over budget it is returned alone and the tokenizer's own truncation applies.
 *
 * @param template  renders each demonstration
 * @param verbalizer supplies each demonstration's label word
 * @param pool      the examples to draw from (the split's train set)
 * @param perClass  demonstrations per class (LM-BFF: 1)
 * @param seed      the demonstration seed
 * @param separator text between demonstrations and before the query (LM-BFF: a space)
 */
public record Demonstrations(Template template, Verbalizer verbalizer, List<Example> pool,
                             int perClass, long seed, String separator) {

    public Demonstrations {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(verbalizer, "verbalizer");
        Objects.requireNonNull(separator, "separator");
        pool = List.copyOf(pool);
        if (perClass <= 0) {
            throw new IllegalArgumentException("perClass must be positive, got " + perClass);
        }
        for (Example e : pool) {
            if (e.label() >= verbalizer.size()) {
                throw new IllegalArgumentException("demonstration row " + e.row() + " has label "
                        + e.label() + " but the verbalizer has " + verbalizer.size() + " classes");
            }
        }
    }

    /** LM-BFF's setting: one demonstration per class, separated by a space. */
    public static Demonstrations lmBff(Template template, Verbalizer verbalizer, List<Example> pool, long seed) {
        return new Demonstrations(template, verbalizer, pool, 1, seed, " ");
    }

    /** The demonstrations for {@code query}, in the order they are shown. */
    public List<Example> select(Example query) {
        SplitMix64 rng = new SplitMix64(SplitMix64.mix(seed ^ SplitMix64.mix(query.row())));
        int[] taken = new int[verbalizer.size()];
        List<Example> chosen = new ArrayList<>();
        for (int i : rng.permutation(pool.size())) {
            Example e = pool.get(i);
            if (!e.equals(query) && taken[e.label()] < perClass) {
                taken[e.label()]++;
                chosen.add(e);
            }
        }
        List<Example> ordered = new ArrayList<>(chosen.size());
        for (int i : rng.permutation(chosen.size())) {
            ordered.add(chosen.get(i));
        }
        return ordered;
    }

    /**
     * The demonstrations for {@code query} followed by {@code queryText}, the query as rendered for
     * the model ({@link Template#forMaskedLm}, {@link Template#forCausalLm}, ...).
     */
    public String prepend(Example query, String queryText) {
        return join(rendered(query), queryText);
    }

    /**
     * As {@link #prepend(Example, String)}, dropping demonstrations from the front until the text
     * is at most {@code maxTokens} tokens (counted by {@code vocabulary}, special tokens excluded).
     */
    public String prepend(Example query, String queryText, TokenVocabulary vocabulary, int maxTokens) {
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive, got " + maxTokens);
        }
        List<String> demos = rendered(query);
        String text = join(demos, queryText);
        while (!demos.isEmpty() && vocabulary.wordIds(text, false).length > maxTokens) {
            demos = demos.subList(1, demos.size());
            text = join(demos, queryText);
        }
        return text;
    }

    private List<String> rendered(Example query) {
        List<String> out = new ArrayList<>();
        for (Example e : select(query)) {
            out.add(template.filled(e.text(), verbalizer.word(e.label())));
        }
        return out;
    }

    private String join(List<String> demos, String queryText) {
        if (demos.isEmpty()) {
            return queryText;
        }
        return String.join(separator, demos) + separator + queryText;
    }
}
