package dev.zotuner.models.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.models.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The token ↔ id table of a Hugging Face {@code tokenizer.json} (model vocabulary plus added tokens), and the
 * special tokens a head needs. Reading the JSON here also turns a malformed file into a one-line error before
 * the native tokenizer sees it.
 */
public final class Vocabulary {

    private static final List<String> MASK_TOKENS = List.of("[MASK]", "<mask>");
    private static final List<String> PAD_TOKENS = List.of("[PAD]", "<pad>");

    private final Map<String, Integer> ids;
    private final String[] tokens;
    private final int padId;

    private Vocabulary(Map<String, Integer> ids, int padId) {
        this.ids = Map.copyOf(ids);
        int max = ids.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
        this.tokens = new String[max + 1];
        ids.forEach((token, id) -> tokens[id] = token);
        this.padId = padId;
    }

    /** Reads the vocabulary of a {@code tokenizer.json}. */
    public static Vocabulary read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ModelException("tokenizer " + file + ": not valid JSON" + where + " (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new ModelException("tokenizer " + file + ": cannot read (" + ModelException.oneLine(e) + ")", e);
        }
        JsonNode model = root == null ? null : root.get("model");
        if (model == null || !model.isObject()) {
            throw new ModelException("tokenizer " + file + ": no 'model' section (not a Hugging Face tokenizer.json)");
        }
        Map<String, Integer> ids = new HashMap<>();
        JsonNode vocab = model.path("vocab");
        if (vocab.isObject()) {
            vocab.properties().forEach(e -> ids.put(e.getKey(), e.getValue().asInt()));
        } else if (vocab.isArray()) { // Unigram: [[piece, score], ...], id = index
            for (int i = 0; i < vocab.size(); i++) {
                ids.put(vocab.get(i).path(0).asText(), i);
            }
        } else {
            throw new ModelException("tokenizer " + file + ": model has no vocab");
        }
        for (JsonNode added : root.path("added_tokens")) {
            ids.put(added.path("content").asText(), added.path("id").asInt());
        }
        JsonNode padding = root.path("padding");
        int pad = padding.hasNonNull("pad_id") ? padding.get("pad_id").asInt() : first(ids, PAD_TOKENS).orElse(0);
        return new Vocabulary(ids, pad);
    }

    /** Number of ids (largest id + 1). */
    public int size() {
        return tokens.length;
    }

    /** Id of a token string, if in the vocabulary. */
    public OptionalInt id(String token) {
        Integer id = ids.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** Token string of an id. */
    public String token(int id) {
        if (id < 0 || id >= tokens.length || tokens[id] == null) {
            throw new IllegalArgumentException("no token with id " + id);
        }
        return tokens[id];
    }

    /** The mask token's id ({@code [MASK]} or {@code <mask>}), if the vocabulary has one. */
    public OptionalInt maskId() {
        return first(ids, MASK_TOKENS);
    }

    /** Id used to pad batches (from the tokenizer's padding section, else {@code [PAD]}/{@code <pad>}, else 0). */
    public int padId() {
        return padId;
    }

    private static OptionalInt first(Map<String, Integer> ids, List<String> candidates) {
        for (String c : candidates) {
            Integer id = ids.get(c);
            if (id != null) {
                return OptionalInt.of(id);
            }
        }
        return OptionalInt.empty();
    }
}
