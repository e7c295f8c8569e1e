package dev.zotuner.models;

import dev.zotuner.models.tokenizer.TokenBatch;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one position per row a language-model head reads: the first mask token for a masked LM (LM-BFF prompts have
 * exactly one; Gao et al. 2021), the last real token for a causal LM (batches are right-padded, so it is at
 * {@code length − 1} whatever the padding, and its {@code position_ids} entry is {@code length − 1} too). What
 * {@link Readout} reads and what a sliced head ({@link dev.zotuner.models.onnx.HeadSlice}) is fed, from one rule.
 *
 * @param kind   {@link ModelKind#MLM} or {@link ModelKind#CAUSAL}
 * @param maskId the mask token's id (MLM); ignored for a causal LM
 */
public record ReadPositions(ModelKind kind, long maskId) {

    /** Marks a row without a mask token. */
    public static final int NONE = -1;

    public ReadPositions {
        if (!kind.hasLogits()) {
            throw new IllegalArgumentException("an " + kind.label() + " has no logits position to read");
        }
    }

    /**
     * What an LM of {@code kind} reads: the mask token ({@code maskId}; a tokenizer without one reads no row, every
     * row then being {@link #NONE}) or the last real token; empty for an encoder.
     */
    public static Optional<ReadPositions> of(ModelKind kind, OptionalInt maskId) {
        return switch (kind) {
            case MLM -> Optional.of(mask(maskId.orElse(NONE)));
            case CAUSAL -> Optional.of(lastToken());
            case ENCODER -> Optional.empty();
        };
    }

    /** The first mask token of each row. */
    public static ReadPositions mask(long maskId) {
        return new ReadPositions(ModelKind.MLM, maskId);
    }

    /** The last real token of each row. */
    public static ReadPositions lastToken() {
        return new ReadPositions(ModelKind.CAUSAL, NONE);
    }

    /** Per row, the position read: the first mask token ({@link #NONE} when a row has none) or the last real token. */
    public int[] of(TokenBatch batch) {
        int[] positions = new int[batch.size()];
        for (int r = 0; r < positions.length; r++) {
            positions[r] = kind == ModelKind.MLM ? batch.firstPosition(r, maskId) : batch.length(r) - 1;
        }
        return positions;
    }
}
