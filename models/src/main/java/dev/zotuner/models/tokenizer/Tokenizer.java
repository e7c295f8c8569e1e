package dev.zotuner.models.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import dev.zotuner.models.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A Hugging Face {@code tokenizer.json} run by DJL's native tokenizers library, offline.
 *
 * <p>Texts are encoded with special tokens and truncated at {@link #maxLength()}; batches are padded to
 * their longest row (never to a fixed length) with the tokenizer's pad id. Before DJL is first touched the
 * system property {@code ai.djl.offline=true} is set so DJL never downloads anything; also export
 * {@code OPT_OUT_TRACKING=true} (the {@code zo} script does) to switch off DJL's usage tracking.
 *
 * <p>Owns the native tokenizer until {@link #close()}; not for concurrent use from several threads.
 */
public final class Tokenizer implements AutoCloseable {

    private final Path file;
    private final int maxLength;
    private final Vocabulary vocabulary;
    private final HuggingFaceTokenizer hf;

    private Tokenizer(Path file, int maxLength, Vocabulary vocabulary, HuggingFaceTokenizer tokenizer) {
        this.file = file;
        this.maxLength = maxLength;
        this.vocabulary = vocabulary;
        this.hf = tokenizer;
    }

    /** Loads {@code tokenizer.json}; a missing or malformed file is a one-line {@link ModelException}. */
    public static Tokenizer open(Path tokenizerJson, int maxLength) {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new ModelException("tokenizer file not found: " + tokenizerJson);
        }
        Vocabulary vocabulary = Vocabulary.read(tokenizerJson);
        System.setProperty("ai.djl.offline", "true");
        Map<String, String> options = Map.of("addSpecialTokens", "true", "padding", "false",
                "truncation", "true", "maxLength", Integer.toString(maxLength));
        try {
            return new Tokenizer(tokenizerJson, maxLength, vocabulary,
                    HuggingFaceTokenizer.newInstance(tokenizerJson, options));
        } catch (IOException | RuntimeException e) {
            throw new ModelException("tokenizer " + tokenizerJson + ": cannot be loaded (" + ModelException.oneLine(e) + ")", e);
        }
    }

    /** The {@code tokenizer.json} this was loaded from. */
    public Path file() {
        return file;
    }

    /** Truncation length in tokens, special tokens included. */
    public int maxLength() {
        return maxLength;
    }

    /** Encodes one text with special tokens, truncated at {@link #maxLength()}. */
    public Encoding encode(String text) {
        return convert(hf.encode(text));
    }

    /** Whether {@code text}, with special tokens, is at most {@link #maxLength()} tokens (so nothing is cut off). */
    public boolean fits(String text) {
        return !hf.encode(text).exceedMaxLength();
    }

    /**
     * Where each token of {@code text} (no special tokens; at most {@link #maxLength()} of them) ends in it, as a char
     * index: {@code text.substring(0, ends[k - 1])} is the text of its first {@code k} tokens.
     */
    public int[] tokenEnds(String text) {
        CharSpan[] spans = hf.encode(text, false, false).getCharTokenSpans();
        int[] ends = new int[spans.length];
        for (int k = 0; k < spans.length; k++) {
            ends[k] = spans[k] == null ? (k == 0 ? 0 : ends[k - 1]) : Math.min(text.length(), spans[k].getEnd());
        }
        return ends;
    }

    /** Encodes texts and pads them to the longest. */
    public TokenBatch encodeBatch(List<String> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no texts to encode");
        }
        List<Encoding> rows = new ArrayList<>(texts.size());
        for (ai.djl.huggingface.tokenizers.Encoding e : hf.batchEncode(texts)) {
            rows.add(convert(e));
        }
        return TokenBatch.pad(rows, vocabulary.padId());
    }

    /** Token ids of {@code text} without special tokens (still truncated at {@link #maxLength()}). */
    public long[] encodeWithoutSpecialTokens(String text) {
        return hf.encode(text, false, false).getIds();
    }

    /**
     * Token ids of a word as it appears inside a sentence, without special tokens. With
     * {@code leadingSpace} the word is tokenized after a space, which is what byte-level BPE vocabularies
     * (GPT-2, RoBERTa: {@code Ġword}) and SentencePiece ({@code ▁word}) use mid-sentence; WordPiece gives the
     * same ids either way. A verbalizer word is single-token if the result has length 1.
     */
    public long[] wordIds(String word, boolean leadingSpace) {
        return encodeWithoutSpecialTokens(leadingSpace ? " " + word : word);
    }

    /** Id of a token string (as spelled in the vocabulary, e.g. {@code ##ing} or {@code Ġgreat}). */
    public OptionalInt tokenId(String token) {
        return vocabulary.id(token);
    }

    /** Token string of an id. */
    public String token(int id) {
        return vocabulary.token(id);
    }

    /** Number of token ids (the width of LM logits). */
    public int vocabularySize() {
        return vocabulary.size();
    }

    /** Id of the mask token, if the tokenizer has one (MLMs do). */
    public OptionalInt maskId() {
        return vocabulary.maskId();
    }

    /** Id used for padding. */
    public int padId() {
        return vocabulary.padId();
    }

    @Override
    public void close() {
        hf.close();
    }

    private static Encoding convert(ai.djl.huggingface.tokenizers.Encoding e) {
        return new Encoding(e.getIds(), e.getAttentionMask(), e.getTypeIds());
    }
}
