package dev.zotuner.models.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.ModelKind;
import dev.zotuner.models.Pooling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a Hugging Face export says about itself: {@code config.json} ({@code architectures},
 * {@code is_decoder}, attention sizes) and, for sentence-transformers models, {@code 1_Pooling/config.json}.
 *
 * @param architectures class names such as {@code BertForMaskedLM}; empty when unknown
 * @param isDecoder     {@code is_decoder} from config.json
 * @param pooling       pooling declared by {@code 1_Pooling/config.json}, or null
 * @param attention     heads and head width from config.json (what an empty KV cache needs)
 */
public record HfConfig(List<String> architectures, boolean isDecoder, Pooling pooling, AttentionShape attention) {

    /** Nothing known. */
    public static final HfConfig EMPTY = new HfConfig(List.of(), false, null);

    public HfConfig {
        architectures = List.copyOf(architectures);
        attention = attention == null ? AttentionShape.UNKNOWN : attention;
    }

    /** A configuration that declares no attention sizes. */
    public HfConfig(List<String> architectures, boolean isDecoder, Pooling pooling) {
        this(architectures, isDecoder, pooling, AttentionShape.UNKNOWN);
    }

    /** Reads the configuration files in {@code dir}; missing files give {@link #EMPTY} parts. */
    public static HfConfig read(Path dir) {
        ObjectMapper json = new ObjectMapper();
        List<String> arch = new ArrayList<>();
        boolean decoder = false;
        AttentionShape attention = AttentionShape.UNKNOWN;
        Path config = dir.resolve("config.json");
        if (Files.isRegularFile(config)) {
            JsonNode root = parse(json, config);
            root.path("architectures").forEach(a -> arch.add(a.asText()));
            decoder = root.path("is_decoder").asBoolean(false);
            attention = AttentionShape.of(root);
        }
        Pooling pooling = null;
        Path poolingConfig = dir.resolve("1_Pooling").resolve("config.json");
        if (Files.isRegularFile(poolingConfig)) {
            JsonNode root = parse(json, poolingConfig);
            if (root.path("pooling_mode_cls_token").asBoolean(false)) {
                pooling = Pooling.CLS;
            } else if (root.path("pooling_mode_mean_tokens").asBoolean(false)) {
                pooling = Pooling.MEAN;
            }
        }
        return new HfConfig(arch, decoder, pooling, attention);
    }

    /** The LM kind the configuration declares: masked or causal, if it says. */
    public Optional<ModelKind> lmKind() {
        for (String a : architectures) {
            if (a.endsWith("ForMaskedLM")) {
                return Optional.of(ModelKind.MLM);
            }
            if (a.endsWith("ForCausalLM") || a.endsWith("LMHeadModel")) {
                return Optional.of(ModelKind.CAUSAL);
            }
        }
        return isDecoder ? Optional.of(ModelKind.CAUSAL) : Optional.empty();
    }

    private static JsonNode parse(ObjectMapper json, Path file) {
        try {
            return json.readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelException(file + ": not valid JSON (" + ModelException.oneLine(e) + ")", e);
        }
    }
}
