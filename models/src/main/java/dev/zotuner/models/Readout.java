package dev.zotuner.models;

import dev.zotuner.models.runtime.OutputView;
import dev.zotuner.models.tokenizer.TokenBatch;
import java.util.Arrays;

/**
 * Extracts per-example {@link Representations} from a forward pass's output: {@code [batch, seq, width]}, or an LM's
 * logits at one position per row ({@link OutputView#sliced()}), which must be the positions read here
 * ({@link ReadPositions}). Sums run in double; the result is a pure function of the output and the batch.
 */
public final class Readout {

    private Readout() {
    }

    /**
     * Logits at the first mask token of each row (MLM prompting, Gao et al. 2021).
     *
     * @param vocabIds ids to keep, in this order, or null for the whole vocabulary row
     */
    public static Representations maskLogits(OutputView out, TokenBatch batch, long maskId, int[] vocabIds) {
        return logits(out, batch, ReadPositions.mask(maskId), vocabIds);
    }

    /** Next-token logits at the last real token of each row (causal LM prompting). */
    public static Representations lastTokenLogits(OutputView out, TokenBatch batch, int[] vocabIds) {
        return logits(out, batch, ReadPositions.lastToken(), vocabIds);
    }

    /**
     * Logits at the position {@code reads} gives each row; a row without a mask token is an error naming the row.
     *
     * @param vocabIds ids to keep, in this order, or null for the whole vocabulary row
     */
    public static Representations logits(OutputView out, TokenBatch batch, ReadPositions reads, int[] vocabIds) {
        int[] positions = reads.of(batch);
        for (int r = 0; r < positions.length; r++) {
            if (positions[r] == ReadPositions.NONE) {
                throw new IllegalArgumentException("example " + r + " has no mask token (id " + reads.maskId() + ")");
            }
        }
        return rows(out, positions, vocabIds);
    }

    /** Sentence embeddings: mean over real tokens or the first token's state, optionally L2-normalised. */
    public static Representations pooled(OutputView out, TokenBatch batch, Pooling pooling, boolean normalize) {
        int w = out.width();
        float[] values = new float[batch.size() * w];
        double[] acc = new double[w];
        for (int r = 0; r < batch.size(); r++) {
            Arrays.fill(acc, 0);
            int used = pooling == Pooling.CLS ? 1 : batch.length(r);
            for (int p = 0; p < used; p++) {
                int base = out.offset(r, p);
                for (int k = 0; k < w; k++) {
                    acc[k] += out.data().get(base + k);
                }
            }
            double norm = 0;
            for (int k = 0; k < w; k++) {
                acc[k] /= used;
                norm += acc[k] * acc[k];
            }
            double scale = normalize && norm > 0 ? 1 / Math.sqrt(norm) : 1;
            for (int k = 0; k < w; k++) {
                values[r * w + k] = (float) (acc[k] * scale);
            }
        }
        return new Representations(batch.size(), w, values);
    }

    private static Representations rows(OutputView out, int[] positions, int[] vocabIds) {
        int w = out.width();
        int dim = vocabIds == null ? w : vocabIds.length;
        if (vocabIds != null) {
            for (int id : vocabIds) {
                if (id < 0 || id >= w) {
                    throw new IllegalArgumentException("vocabulary id " + id + " outside logits width " + w);
                }
            }
        }
        float[] values = new float[positions.length * dim];
        for (int r = 0; r < positions.length; r++) {
            int base = out.offset(r, positions[r]);
            if (vocabIds == null) {
                out.data().get(base, values, r * dim, dim);
                continue;
            }
            for (int j = 0; j < dim; j++) {
                values[r * dim + j] = out.data().get(base + vocabIds[j]);
            }
        }
        return new Representations(positions.length, dim, values);
    }
}
