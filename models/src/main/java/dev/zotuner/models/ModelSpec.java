package dev.zotuner.models;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to load: the model source and the choices that shape how it is loaded. Null fields mean "decide
 * from the model" (see each component).
 *
 * @param model     {@code default}, an embedded model name ({@code minilm-l6}), an export directory holding
 *                  {@code model.onnx} (or a decoder's {@code decoder_model.onnx} / {@code decoder_model_merged.onnx}) +
 *                  {@code tokenizer.json}, or a path to an {@code .onnx} file
 * @param tokenizer a {@code tokenizer.json} overriding the one found next to the model, or null
 * @param kind      model kind; null detects it from the graph and {@code config.json}
 * @param trainable Java regex selecting trainable tensors by {@code <block>/<tensor name>} (found anywhere in
 *                  that string); null trains every float weight
 * @param pooling   encoder pooling; null takes the model's own (embedded registry, sentence-transformers
 *                  {@code 1_Pooling/config.json}) or mean
 * @param maxLength truncation length in tokens, special tokens included
 * @param cacheDir  cache root; null resolves it from {@code -Dzo.cache.dir}, {@code ZO_CACHE_DIR},
 *                  {@code XDG_CACHE_HOME} or {@code ~/.cache}
 * @param topLayers train only the top K transformer layers (and the {@code rest} block above them); 0 = every layer
 * @param peft      parameter-efficient method (BitFit, LoRA) or {@link Peft#none()}
 * @param execution how forward passes run (frozen-prefix cache, per-block stages)
 * @param tieWeights train trainable tensors that are exact copies or transposes of each other as one
 *                   ({@link dev.zotuner.models.onnx.TiedWeights}); false keeps them apart, as runs made before ties
 *                   existed did
 * @param keepTies   with {@code tieWeights}: a tensor tied to another is trainable exactly when the primary of its tie
 *                   is, so top-K, {@code --trainable} and LoRA never split a tie (a tied LM head stays frozen with the
 *                   embeddings); false lets them split it, as runs made before this rule did
 * @param sliceHead  a masked or causal LM computes its logits only at the position a head reads
 *                   ({@link dev.zotuner.models.onnx.HeadSlice}); false computes them at every position, as runs made
 *                   before the slice did (the smaller products may round differently, so their losses stay bit for bit)
 */
public record ModelSpec(String model, Path tokenizer, ModelKind kind, String trainable, Pooling pooling,
                        int maxLength, Path cacheDir, int topLayers, Peft peft, Execution execution,
                        boolean tieWeights, boolean keepTies, boolean sliceHead) {

    /** Name of the default model ({@code --model default}). */
    public static final String DEFAULT_MODEL = "default";
    /** Default truncation length in tokens. */
    public static final int DEFAULT_MAX_LENGTH = 128;

    public ModelSpec {
        Objects.requireNonNull(model, "model");
        if (maxLength < 2) {
            throw new ModelException("--max-length " + maxLength + ": must be at least 2 tokens");
        }
        if (topLayers < 0) {
            throw new ModelException("--train-layers top:" + topLayers + ": K must be ≥ 1");
        }
        peft = peft == null ? Peft.none() : peft;
        execution = execution == null ? Execution.defaults() : execution;
    }

    /** Every float weight trainable, default execution, tied weights trained as one and never split, head sliced. */
    public ModelSpec(String model, Path tokenizer, ModelKind kind, String trainable, Pooling pooling, int maxLength,
                     Path cacheDir) {
        this(model, tokenizer, kind, trainable, pooling, maxLength, cacheDir, 0, Peft.none(), Execution.defaults(), true, true, true);
    }

    /** The given model with every other choice left to the model. */
    public static ModelSpec of(String model) {
        return new ModelSpec(model, null, null, null, null, DEFAULT_MAX_LENGTH, null);
    }

    /** The embedded default model. */
    public static ModelSpec defaults() {
        return of(DEFAULT_MODEL);
    }

    public ModelSpec withTokenizer(Path tokenizerJson) {
        return new ModelSpec(model, tokenizerJson, kind, trainable, pooling, maxLength, cacheDir, topLayers, peft, execution, tieWeights, keepTies, sliceHead);
    }

    public ModelSpec withKind(ModelKind modelKind) {
        return new ModelSpec(model, tokenizer, modelKind, trainable, pooling, maxLength, cacheDir, topLayers, peft, execution, tieWeights, keepTies, sliceHead);
    }

    public ModelSpec withTrainable(String pattern) {
        return new ModelSpec(model, tokenizer, kind, pattern, pooling, maxLength, cacheDir, topLayers, peft, execution, tieWeights, keepTies, sliceHead);
    }

    public ModelSpec withPooling(Pooling mode) {
        return new ModelSpec(model, tokenizer, kind, trainable, mode, maxLength, cacheDir, topLayers, peft, execution, tieWeights, keepTies, sliceHead);
    }

    public ModelSpec withMaxLength(int tokens) {
        return new ModelSpec(model, tokenizer, kind, trainable, pooling, tokens, cacheDir, topLayers, peft, execution, tieWeights, keepTies, sliceHead);
    }

    /** Trains the top {@code k} layers only (0 = all). */
    public ModelSpec withTopLayers(int k) {
        return new ModelSpec(model, tokenizer, kind, trainable, pooling, maxLength, cacheDir, k, peft, execution, tieWeights, keepTies, sliceHead);
    }

    public ModelSpec withPeft(Peft method) {
        return new ModelSpec(model, tokenizer, kind, trainable, pooling, maxLength, cacheDir, topLayers, method, execution, tieWeights, keepTies, sliceHead);
    }

    public ModelSpec withExecution(Execution how) {
        return new ModelSpec(model, tokenizer, kind, trainable, pooling, maxLength, cacheDir, topLayers, peft, how, tieWeights, keepTies, sliceHead);
    }

    /** Ties exact copies and transposes among the trainable tensors (true) or trains them apart (false). */
    public ModelSpec withTieWeights(boolean tie) {
        return new ModelSpec(model, tokenizer, kind, trainable, pooling, maxLength, cacheDir, topLayers, peft, execution, tie, keepTies, sliceHead);
    }

    /** Whether a choice of trainable tensors may split a tie (false) or never does (true; see {@link #keepTies}). */
    public ModelSpec withKeepTies(boolean keep) {
        return new ModelSpec(model, tokenizer, kind, trainable, pooling, maxLength, cacheDir, topLayers, peft, execution,
                tieWeights, keep, sliceHead);
    }

    /** Logits only where a head reads them (true) or at every position (false; see {@link #sliceHead}). */
    public ModelSpec withSliceHead(boolean slice) {
        return new ModelSpec(model, tokenizer, kind, trainable, pooling, maxLength, cacheDir, topLayers, peft, execution,
                tieWeights, keepTies, slice);
    }

    /** Whether ties are trained as one and never split by the choice of trainable tensors. */
    public boolean keepsTies() {
        return tieWeights && keepTies;
    }

    public ModelSpec withCacheDir(Path dir) {
        return new ModelSpec(model, tokenizer, kind, trainable, pooling, maxLength, dir, topLayers, peft, execution, tieWeights, keepTies, sliceHead);
    }
}
