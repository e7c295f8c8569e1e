package dev.zotuner.tuner.cli;

import dev.zotuner.models.Execution;
import dev.zotuner.models.ModelKind;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.Pooling;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The options every model-loading subcommand shares ({@code model inspect}, {@code bench forward}, and later
 * eval, finetune, trace); mix in with {@code @Mixin ModelOptions model;}.
 */
public final class ModelOptions {

    @Option(names = "--model", defaultValue = ModelSpec.DEFAULT_MODEL, paramLabel = "default|NAME|DIR|FILE.onnx",
            description = "Model: 'default' (= minilm-l6), an embedded name (minilm-l6, bge-small: see 'zo model list'), "
                    + "an export directory with tokenizer.json and model.onnx (else decoder_model.onnx, else "
                    + "decoder_model_merged.onnx; also under onnx/; a KV cache is fed empty), or an .onnx file. "
                    + "Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--tokenizer", paramLabel = "tokenizer.json",
            description = "Hugging Face tokenizer.json (required for a bare .onnx file without one beside it).")
    Path tokenizer;

    @Option(names = "--kind", paramLabel = "mlm|causal|encoder", converter = KindConverter.class,
            description = "Model kind; default: detected from the graph and config.json.")
    ModelKind kind;

    @Option(names = "--trainable", paramLabel = "REGEX",
            description = "Trainable tensors: regex searched in '<block>/<tensor>', e.g. '^(?!embeddings/)' "
                    + "freezes the embeddings. Default: every float weight.")
    String trainable;

    @Option(names = "--pooling", paramLabel = "mean|cls", converter = PoolingConverter.class,
            description = "Encoder pooling; default: the model's own, else mean.")
    Pooling pooling;

    @Option(names = "--max-length", defaultValue = "128", paramLabel = "TOKENS",
            description = "Longest input in tokens, special tokens included: a longer prompt loses the end of its "
                    + "sentence, never the template or the label slot. Default: ${DEFAULT-VALUE}.")
    int maxLength;

    @Option(names = "--cache-mib", defaultValue = "" + Execution.DEFAULT_PREFIX_CACHE_MIB, paramLabel = "MIB",
            description = "Bound of the frozen-prefix cache: when the trainable weights leave the lower layers frozen, "
                    + "their output is kept per example and only the layers above run again (0 = off). "
                    + "Default: ${DEFAULT-VALUE}.")
    long cacheMib;

    @Option(names = "--untie-weights",
            description = "Train tensors that are exact copies or transposes of each other (tied embeddings split by "
                    + "constant folding) separately; by default each such pair is trained as one tensor.")
    boolean untieWeights;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Cache directory; default: $ZO_CACHE_DIR, else $XDG_CACHE_HOME/zo-tuner, else ~/.cache/zo-tuner.")
    Path cacheDir;

    /** The model to load. */
    public ModelSpec spec() {
        return new ModelSpec(model, tokenizer, kind, trainable, pooling, maxLength, cacheDir)
                .withExecution(Execution.defaults().withPrefixCacheMib(cacheMib)).withTieWeights(!untieWeights);
    }

    /** Parses {@code --kind}. */
    static final class KindConverter implements ITypeConverter<ModelKind> {
        @Override
        public ModelKind convert(String value) {
            return ModelKind.parse(value);
        }
    }

    /** Parses {@code --pooling}. */
    static final class PoolingConverter implements ITypeConverter<Pooling> {
        @Override
        public Pooling convert(String value) {
            return Pooling.parse(value);
        }
    }
}
