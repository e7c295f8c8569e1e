package dev.zotuner.models.runtime;

import java.nio.FloatBuffer;

/**
 * A forward pass's output {@code [batch, seq, width]} as a read-only view. It is only valid until the next
 * run of the {@link ForwardPass} that produced it (the buffer is reused).
 *
 * @param data  row-major values, absolute indexing from 0
 * @param batch rows
 * @param seq   padded sequence length
 * @param width vocabulary size (LM logits) or hidden size (encoder states)
 */
public record OutputView(FloatBuffer data, int batch, int seq, int width) {

    public OutputView {
        data = data.asReadOnlyBuffer();
        if ((long) batch * seq * width != data.capacity()) {
            throw new IllegalArgumentException("output buffer holds " + data.capacity() + " values, not "
                    + batch + "x" + seq + "x" + width);
        }
    }

    /** Value at {@code (row, position, k)}. */
    public float get(int row, int position, int k) {
        return data.get((row * seq + position) * width + k);
    }

    /** Index in {@link #data()} of the first value at {@code (row, position)}. */
    public int offset(int row, int position) {
        return (row * seq + position) * width;
    }
}
