package dev.zotuner.models.runtime;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * A forward pass's output as a read-only view: {@code [batch, seq, width]} at every position, or, from a sliced head
 * ({@link dev.zotuner.models.onnx.HeadSlice}), {@code [batch, 1, width]} at one position per row, {@link #positions()}
 * saying which. Either way {@link #offset(int, int)} takes the position in the row's tokens. It is only valid until
 * the next run of the {@link Forward} that produced it (the buffer is reused).
 *
 * @param data      row-major values, absolute indexing from 0
 * @param batch     rows
 * @param seq       positions held per row: the padded sequence length, or 1 for a sliced output
 * @param width     vocabulary size (LM logits) or hidden size (encoder states)
 * @param positions for a sliced output, the token position each row holds (a masked LM's row without a mask token
 *                  holds position 0); null when every position is held
 */
public record OutputView(FloatBuffer data, int batch, int seq, int width, int[] positions) {

    public OutputView {
        data = data.asReadOnlyBuffer();
        if ((long) batch * seq * width != data.capacity()) {
            throw new IllegalArgumentException("output buffer holds " + data.capacity() + " values, not "
                    + batch + "x" + seq + "x" + width);
        }
        if (positions != null && (seq != 1 || positions.length != batch)) {
            throw new IllegalArgumentException(positions.length + " read positions for an output of " + batch + "x"
                    + seq + ", expected one per row and seq 1");
        }
        positions = positions == null ? null : positions.clone();
    }

    /** An output at every position. */
    public OutputView(FloatBuffer data, int batch, int seq, int width) {
        this(data, batch, seq, width, null);
    }

    /** Whether each row holds one position only. */
    public boolean sliced() {
        return positions != null;
    }

    @Override
    public int[] positions() {
        return positions == null ? null : positions.clone();
    }

    /** Value at {@code (row, position, k)}. */
    public float get(int row, int position, int k) {
        return data.get(offset(row, position) + k);
    }

    /**
     * Index in {@link #data()} of the first value at {@code (row, position)}; for a sliced output, {@code position}
     * must be the one the row holds.
     */
    public int offset(int row, int position) {
        if (positions == null) {
            return (row * seq + position) * width;
        }
        if (positions[row] != position) {
            throw new IllegalArgumentException("row " + row + " of the sliced output holds position " + positions[row]
                    + ", not " + position);
        }
        return row * width;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutputView v && data.equals(v.data) && batch == v.batch && seq == v.seq
                && width == v.width && Arrays.equals(positions, v.positions);
    }

    @Override
    public int hashCode() {
        return data.hashCode() * 31 + Arrays.hashCode(positions);
    }

    @Override
    public String toString() {
        return "OutputView[" + batch + "x" + seq + "x" + width + (positions == null ? "" : ", at "
                + Arrays.toString(positions)) + "]";
    }
}
