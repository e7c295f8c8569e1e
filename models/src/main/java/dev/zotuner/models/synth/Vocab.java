package dev.zotuner.models.synth;

import dev.zotuner.models.ModelException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The token strings of a generated tokenizer in id order, filled by priority until the model's vocabulary size is
 * reached: what the tokenizer family must have (special tokens, its alphabet), the label words of the bundled tasks
 * (so every verbalizer is one token), the most frequent words of the bundled data ({@code words.txt}), sub-word
 * pieces, then fillers that no text produces.
 */
final class Vocab {

    /**
     * The label words of the built-in prompts of sst2, sst5 and trec ({@code prompts/defaults/*.json}); a test of
     * the tuner module checks each is one token of every generated tokenizer.
     */
    static final List<String> LABEL_WORDS = List.of("terrible", "bad", "okay", "good", "great", "Description",
            "Entity", "Expression", "Human", "Location", "Number");

    private static final String WORDS = "words.txt";

    private final int size;
    private final int reserved;
    private final Map<String, Integer> ids = new LinkedHashMap<>();

    /**
     * @param size     the number of ids
     * @param reserved how many of the last ids only {@link #addReserved} may take (special tokens at the end)
     */
    Vocab(int size, int reserved) {
        this.size = size;
        this.reserved = reserved;
    }

    /** Adds a token if new; false if the vocabulary is full. A required token that does not fit is an error. */
    boolean add(String token, boolean required) {
        return add(token, required, size - reserved);
    }

    /** Adds a token at the next of the reserved ids at the end. */
    void addReserved(String token) {
        add(token, true, size);
    }

    private boolean add(String token, boolean required, int limit) {
        if (ids.containsKey(token)) {
            return true;
        }
        if (ids.size() >= limit) {
            if (required) {
                throw new ModelException("vocabulary of " + size + " tokens is too small for the tokenizer's required "
                        + "tokens (at '" + token + "')");
            }
            return false;
        }
        ids.put(token, ids.size());
        return true;
    }

    /** Whether {@code token} is in. */
    boolean contains(String token) {
        return ids.containsKey(token);
    }

    /** Number of tokens so far. */
    int count() {
        return ids.size();
    }

    /**
     * Adds {@code prefix + n + suffix} for n = {@code from}, {@code from + 1}, ... until the vocabulary holds
     * {@code upTo} tokens (at most its unreserved size); returns the next n.
     */
    int fill(String prefix, String suffix, int from, int upTo) {
        int n = from;
        while (ids.size() < Math.min(upTo, size - reserved)) {
            add(prefix + n++ + suffix, false);
        }
        return n;
    }

    /** Token → id, in id order. */
    Map<String, Integer> ids() {
        return Collections.unmodifiableMap(ids);
    }

    /** The frequent words, most frequent first (lower case, letters only). */
    static List<String> words() {
        InputStream in = Vocab.class.getResourceAsStream(WORDS);
        if (in == null) {
            throw new IllegalStateException("missing resource " + WORDS);
        }
        List<String> words = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    words.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + WORDS, e);
        }
        return words;
    }

    /** GPT-2's byte → printable character map ({@code bytes_to_unicode}): byte-level BPE's alphabet. */
    static char[] byteAlphabet() {
        char[] map = new char[256];
        boolean[] printable = new boolean[256];
        for (int b = 0; b < 256; b++) {
            printable[b] = b >= '!' && b <= '~' || b >= 0xA1 && b <= 0xAC || b >= 0xAE && b <= 0xFF;
        }
        int next = 256;
        for (int b = 0; b < 256; b++) {
            map[b] = printable[b] ? (char) b : (char) next++;
        }
        return map;
    }
}
