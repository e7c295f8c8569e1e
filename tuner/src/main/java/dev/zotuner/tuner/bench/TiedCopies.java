package dev.zotuner.tuner.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * Initializers that hold the same values as an earlier one, or its transpose (a tied output projection after
 * {@code torch.onnx.export}'s constant folding), told apart by sampling: two 2-D FLOAT tensors of at least
 * {@value #MIN_VALUES} values whose shapes match (or are swapped) and whose first {@value #SAMPLES} values agree
 * (the second's first column, for a transpose). Only a census needs this; training finds ties exactly
 * ({@code TiedWeights}).
 *
 * @param count  tensors found to be copies
 * @param values their values
 */
record TiedCopies(int count, long values) {

    static final int MIN_VALUES = 1 << 14;
    static final int SAMPLES = 16;

    static TiedCopies find(List<WeightCensus.Tensor> tensors) throws IOException {
        int count = 0;
        long values = 0;
        boolean[] copy = new boolean[tensors.size()];
        float[][] heads = new float[tensors.size()][];
        float[][] columns = new float[tensors.size()][];
        for (int j = 0; j < tensors.size(); j++) {
            WeightCensus.Tensor b = tensors.get(j);
            if (b.dims().length != 2 || b.size() < MIN_VALUES) {
                continue;
            }
            for (int i = 0; i < j && !copy[j]; i++) {
                WeightCensus.Tensor a = tensors.get(i);
                if (copy[i] || a.dims().length != 2) {
                    continue;
                }
                boolean same = Arrays.equals(a.dims(), b.dims());
                boolean swapped = a.dims()[0] == b.dims()[1] && a.dims()[1] == b.dims()[0];
                if (!same && !swapped) {
                    continue;
                }
                heads[i] = heads[i] != null ? heads[i] : read(a, 1);
                float[] other = same ? (heads[j] = heads[j] != null ? heads[j] : read(b, 1))
                        : (columns[j] = columns[j] != null ? columns[j] : read(b, b.dims()[1]));
                if (Arrays.equals(heads[i], other)) {
                    copy[j] = true;
                    count++;
                    values += b.size();
                }
            }
        }
        return new TiedCopies(count, values);
    }

    /** Values 0, stride, 2·stride, ... ({@link #SAMPLES} of them): the first row's head, or with the row length the first column. */
    private static float[] read(WeightCensus.Tensor t, long stride) throws IOException {
        float[] out = new float[SAMPLES];
        ByteBuffer b = ByteBuffer.allocate(Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(t.file(), StandardOpenOption.READ)) {
            for (int k = 0; k < out.length; k++) {
                b.clear();
                long at = t.offset() + k * stride * Float.BYTES;
                while (b.hasRemaining() && ch.read(b, at + b.position()) > 0) {
                    // read fully
                }
                out[k] = b.getFloat(0);
            }
        }
        return out;
    }
}
