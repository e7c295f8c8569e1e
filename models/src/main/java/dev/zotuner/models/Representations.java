package dev.zotuner.models;

import java.util.Arrays;

/**
 * One vector per example, what a head reads: LM logits at the mask or at the last real token (optionally
 * restricted to chosen vocabulary ids), or a pooled sentence embedding. Stored row-major.
 *
 * @param count  number of examples
 * @param dim    vector length (vocabulary size, number of chosen ids, or hidden size)
 * @param values {@code count * dim} values
 */
public record Representations(int count, int dim, float[] values) {

    public Representations {
        if ((long) count * dim != values.length) {
            throw new IllegalArgumentException(values.length + " values for " + count + "x" + dim);
        }
        values = values.clone();
    }

    /** Component {@code j} of example {@code i}. */
    public float get(int i, int j) {
        return values[i * dim + j];
    }

    /** A copy of example {@code i}'s vector. */
    public float[] row(int i) {
        return Arrays.copyOfRange(values, i * dim, (i + 1) * dim);
    }

    @Override
    public float[] values() {
        return values.clone();
    }
}
