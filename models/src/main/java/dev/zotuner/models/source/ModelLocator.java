package dev.zotuner.models.source;

import dev.zotuner.models.ModelException;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.Pooling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Turns {@code --model} into files on disk. Three sources are accepted:
 *
 * <ol>
 *   <li>an embedded model name ({@code default}, {@code minilm-l6}): copied from the classpath into the cache;</li>
 *   <li>an Optimum / Hugging Face export directory: the graph ({@link #GRAPH_NAMES}, first found wins:
 *       {@code model.onnx}, then a decoder's {@code decoder_model.onnx}, then {@code decoder_model_merged.onnx}; each
 *       looked for in the directory, then in {@code onnx/}) and {@code tokenizer.json}, with {@code config.json} and
 *       {@code 1_Pooling/config.json} read if present;</li>
 *   <li>a bare {@code .onnx} file: the tokenizer comes from {@code --tokenizer} or a {@code tokenizer.json}
 *       next to it.</li>
 * </ol>
 */
public final class ModelLocator {

    /** Graph file names an export directory may hold, in order of preference. */
    public static final List<String> GRAPH_NAMES = List.of("model.onnx", "decoder_model.onnx", "decoder_model_merged.onnx");

    private ModelLocator() {
    }

    /** Locates the files for {@code spec}, copying embedded models into {@code cache} if needed. */
    public static ModelFiles locate(ModelSpec spec, ModelCache cache) {
        Path path = Path.of(spec.model());
        if (Files.isDirectory(path)) {
            return fromDirectory(spec, path);
        }
        if (Files.isRegularFile(path)) {
            return fromFile(spec, path);
        }
        if (looksLikeName(spec.model())) {
            EmbeddedModel embedded = EmbeddedModel.find(spec.model()).orElseThrow(() -> new ModelException(
                    "unknown model '" + spec.model() + "' (known: " + String.join(", ", EmbeddedModel.names())
                            + "; or give an export directory or an .onnx file)"));
            return fromEmbedded(spec, embedded, cache);
        }
        throw new ModelException("model file not found: " + path);
    }

    private static ModelFiles fromEmbedded(ModelSpec spec, EmbeddedModel m, ModelCache cache) {
        ClassLoader loader = ModelLocator.class.getClassLoader();
        Path onnx = cache.materialize(m.onnxResource(), loader);
        Path tokenizer = spec.tokenizer() != null ? existing(spec.tokenizer(), "tokenizer")
                : cache.materialize(m.tokenizerResource(), loader);
        Pooling pooling = spec.pooling() != null ? spec.pooling() : m.pooling();
        return new ModelFiles(m.id(), onnx, tokenizer, HfConfig.EMPTY, pooling, m.normalize());
    }

    private static ModelFiles fromDirectory(ModelSpec spec, Path dir) {
        for (String name : GRAPH_NAMES) {
            for (Path where : List.of(dir, dir.resolve("onnx"))) {
                if (Files.isRegularFile(where.resolve(name))) {
                    return assemble(spec, spec.model(), where.resolve(name), dir);
                }
            }
        }
        throw new ModelException("model directory " + dir + ": no " + String.join(", ", GRAPH_NAMES.subList(0, 2))
                + " or " + GRAPH_NAMES.get(2) + " (in it or in onnx/)");
    }

    private static ModelFiles fromFile(ModelSpec spec, Path onnx) {
        Path home = onnx.toAbsolutePath().getParent();
        if (spec.tokenizer() == null && !Files.isRegularFile(home.resolve("tokenizer.json"))) {
            throw new ModelException(onnx + ": a bare .onnx file needs --tokenizer <tokenizer.json>");
        }
        return assemble(spec, spec.model(), onnx, home);
    }

    private static ModelFiles assemble(ModelSpec spec, String name, Path onnx, Path home) {
        Path tokenizer = spec.tokenizer() != null ? spec.tokenizer() : home.resolve("tokenizer.json");
        existing(tokenizer, "tokenizer");
        HfConfig config = HfConfig.read(home);
        Pooling pooling = Optional.ofNullable(spec.pooling()).or(() -> Optional.ofNullable(config.pooling()))
                .orElse(Pooling.MEAN);
        return new ModelFiles(name, onnx, tokenizer, config, pooling, false);
    }

    private static Path existing(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new ModelException(what + " file not found: " + file);
        }
        return file;
    }

    private static boolean looksLikeName(String model) {
        return !model.contains("/") && !model.contains("\\") && !model.endsWith(".onnx") && !model.isBlank();
    }
}
