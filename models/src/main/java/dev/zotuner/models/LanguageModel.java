package dev.zotuner.models;

import dev.zotuner.models.onnx.PreparedModel;
import dev.zotuner.models.runtime.Forward;
import dev.zotuner.models.runtime.OutputView;
import dev.zotuner.models.runtime.PrefixCache;
import dev.zotuner.models.runtime.StagedForward;
import dev.zotuner.models.source.ModelCache;
import dev.zotuner.models.tokenizer.TokenBatch;
import dev.zotuner.models.tokenizer.Tokenizer;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

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
    private final ReadPositions reads;
    private final Forward pass;

    private LanguageModel(PreparedModel model, Tokenizer tokenizer, ReadPositions reads, Forward pass) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.reads = reads;
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
            ReadPositions reads = ReadPositions.of(model.kind(), tokenizer.maskId()).orElse(null);
            return new LanguageModel(model, tokenizer, reads, StagedForward.open(model, spec.execution(), reads));
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /** θ: the trainable weights, read by every forward pass. */
    public ParameterStore parameters() {
        return model.parameters();
    }

    /** Puts the base model's weights back into θ, re-read from the model's files (no copy of θ is kept for it). */
    public void restoreBase() {
        model.restoreBase(model.parameters());
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

    /**
     * Promises that until the returned hold closes only the named tensors of θ change, so passes may reuse what
     * the stages before their first reader computed for a batch (shared-prefix MeZO-BCD). A no-op unless the model
     * runs as a chain of stages.
     */
    public Hold holdFixedExcept(Collection<String> changing) {
        return pass instanceof StagedForward staged ? staged.holdFixedExcept(changing) : Hold.NONE;
    }

    /** Computes and keeps the frozen prefix of every row of {@code batch} (no-op without a prefix cache). */
    public void cachePrefix(TokenBatch batch) {
        if (pass instanceof StagedForward staged && staged.cache() != null) {
            staged.cache().fill(batch);
        }
    }

    /** The frozen-prefix cache's statistics, if the model keeps one. */
    public Optional<PrefixCache.Stats> prefixCache() {
        return pass instanceof StagedForward staged && staged.cache() != null
                ? Optional.of(staged.cache().stats()) : Optional.empty();
    }

    /**
     * How forward passes run: {@code whole graph}, or the stages each session covers and where the cached frozen
     * prefix ends, e.g. {@code stages [embeddings..layer.3 | layer.4..layer.5], frozen prefix cached up to layer.4}.
     */
    public String execution() {
        if (!(pass instanceof StagedForward staged)) {
            return "whole graph";
        }
        List<String> names = staged.stageNames();
        StringBuilder b = new StringBuilder("stages [");
        for (int k = 0; k < staged.pass().segments(); k++) {
            int from = staged.pass().firstStage(k);
            int to = staged.pass().firstStage(k + 1) - 1;
            b.append(k > 0 ? " | " : "").append(names.get(from)).append(from == to ? "" : ".." + names.get(to));
        }
        b.append(']');
        if (staged.cache() != null) {
            b.append(", frozen prefix cached up to ").append(names.get(staged.pass().firstStage(staged.cache().segment())));
        }
        return b.toString();
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
     * The raw output heads read, valid until the next pass: {@code [batch, seq, width]} (an encoder's states, or an LM's
     * logits at every position when its head is not sliced), or, for an LM whose head is sliced
     * ({@link PreparedModel#head()}, the default for new runs), {@code [batch, 1, vocab]}: each row's logits at the
     * position its head reads ({@link #readPositions()}; a masked LM's row without a mask token holds position 0), the
     * position in {@link OutputView#positions()}. {@link OutputView#offset(int, int)} takes token positions in both.
     */
    public OutputView forwardOutput(TokenBatch batch) {
        return pass.run(batch);
    }

    /** The position of each row an LM's head reads (mask token, last real token); empty for an encoder. */
    public Optional<ReadPositions> readPositions() {
        return Optional.ofNullable(reads);
    }

    /**
     * Representations with LM logits restricted to {@code vocabIds} (in that order); encoders ignore it.
     *
     * @param vocabIds vocabulary ids to keep (e.g. a verbalizer's label words), or null for all
     */
    public Representations forward(TokenBatch batch, int[] vocabIds) {
        OutputView out = pass.run(batch);
        return switch (model.kind()) {
            case MLM, CAUSAL -> Readout.logits(out, batch, reads, vocabIds);
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
