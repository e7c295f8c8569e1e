package dev.zotuner.models;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * One trainable tensor: a named view into its {@link ParameterStore}'s flat native buffer.
 *
 * <p>The record is an immutable handle; {@link #values()} is the live tensor. Writes to it are seen by
 * the next forward pass without a copy. The buffer is owned by the store and valid while the store is
 * open. Use absolute get/put only ({@code values().get(i)}), never the buffer's position.
 *
 * @param index  position of this tensor in {@link ParameterStore#parameters()}
 * @param name   initializer name in the ONNX graph (the graph input that feeds it after the rewrite)
 * @param shape  ONNX dims
 * @param offset element offset of this tensor in the store's flat buffer
 * @param block  name of the block this tensor belongs to (see {@link ParameterBlock})
 * @param decays whether weight decay applies (false for biases and LayerNorm, i.e. rank-1 tensors)
 * @param values native-order direct view of {@link #size()} floats
 */
public record Parameter(int index, String name, long[] shape, long offset, String block, boolean decays,
                        FloatBuffer values) {

    public Parameter {
        shape = shape.clone();
        if (!values.isDirect()) {
            throw new IllegalArgumentException("parameter " + name + ": buffer must be direct");
        }
    }

    /** Number of elements. */
    public int size() {
        return values.capacity();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + "@" + block;
    }
}
