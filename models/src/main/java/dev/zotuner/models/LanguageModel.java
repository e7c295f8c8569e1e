package dev.zotuner.models;

import dev.zotuner.models.onnx.PreparedModel;
import dev.zotuner.models.runtime.ForwardPass;
import dev.zotuner.models.runtime.OutputView;
import dev.zotuner.models.source.ModelCache;
import dev.zotuner.models.tokenizer.TokenBatch;
import dev.zotuner.models.tokenizer.Tokenizer;
import java.util.List;

/**
 * A language model whose weights θ live in Java memory and are read by ONNX Runtime on every forward pass:
 * edit {@link #parameters()} in place and the next {@link #forward} sees it (MeZO, Malladi et al. 2023,
 * "Fine-Tuning Language Models with Just Forward Passes").
 *
 * <p>Owns the session, the weight tensors and the tokenizer; {@link #close()} releases them (tensors before
 * the session). The {@link ParameterStore} is plain memory and stays usable after close. Not for
 * concurrent use: one forward pass at a time.
 */
public final class LanguageModel implements AutoCloseable {

    private final PreparedModel model;
    private final Tokenizer tokenizer;
    private final ForwardPass pass;

    private LanguageModel(PreparedModel model, Tokenizer tokenizer, ForwardPass pass) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.pass = pass;
    }

    /** Loads the model {@code spec} names; bad input is a one-line {@link ModelException}. */
    public static LanguageModel load(ModelSpec spec) {
        PreparedModel model = PreparedModel.prepare(spec, ModelCache.resolve(spec.cacheDir()));
        Tokenizer tokenizer = Tokenizer.open(model.files().tokenizer(), spec.maxLength());
        try {
            if (model.kind() == ModelKind.MLM && tokenizer.maskId().isEmpty()) {
                throw new ModelException("tokenizer " + tokenizer.file() + ": no mask token ([MASK] or <mask>), "
                        + "which a masked LM needs");
            }
            return new LanguageModel(model, tokenizer, ForwardPass.weightsAsInputs(model));
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /** θ: the trainable weights, read by every forward pass. */
    public ParameterStore parameters() {
        return model.parameters();
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public ModelKind kind() {
        return model.kind();
    }

    /** The prepared model (files, graph signature, rewritten graph). */
    public PreparedModel prepared() {
        return model;
    }

    /** What {@code zo model inspect} shows. */
    public ModelInfo info() {
        return ModelInfo.of(model);
    }

    /** Tokenizes (padding to the longest text) and runs {@link #forward(TokenBatch)}. */
    public Representations forward(List<String> texts) {
        return forward(tokenizer.encodeBatch(texts));
    }

    /** Full representations: whole logits rows for LMs, pooled embeddings for encoders. */
    public Representations forward(TokenBatch batch) {
        return forward(batch, null);
    }

    /**
     * Representations with LM logits restricted to {@code vocabIds} (in that order); encoders ignore it.
     *
     * @param vocabIds vocabulary ids to keep (e.g. a verbalizer's label words), or null for all
     */
    public Representations forward(TokenBatch batch, int[] vocabIds) {
        OutputView out = pass.run(batch);
        return switch (model.kind()) {
            case MLM -> Readout.maskLogits(out, batch, tokenizer.maskId().orElseThrow(), vocabIds);
            case CAUSAL -> Readout.lastTokenLogits(out, batch, vocabIds);
            case ENCODER -> Readout.pooled(out, batch, model.files().pooling(), model.files().normalize());
        };
    }

    @Override
    public void close() {
        try {
            pass.close();
        } finally {
            tokenizer.close();
        }
    }
}
