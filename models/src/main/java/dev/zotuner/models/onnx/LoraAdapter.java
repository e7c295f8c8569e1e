package dev.zotuner.models.onnx;

import dev.zotuner.models.ModelException;
import java.util.Arrays;

/**
 * One LoRA adapter on a MatMul weight W [in, out]: the layer computes y = x·W + (α/r)·(x·A)·B with A [in, r] and
 * B [r, out] (Hu et al. 2022, "LoRA: Low-Rank Adaptation of Large Language Models").
 *
 * <p>A and B are stored in MatMul layout, i.e. as the <em>transposes</em> of Hugging Face PEFT's
 * {@code lora_A.weight} [r, in] and {@code lora_B.weight} [out, r]. The merged weight is W + (α/r)·A·B.
 *
 * @param module  module path of the adapted layer ({@code encoder.layer.0.attention.self.query})
 * @param base    name of W in the original graph
 * @param a       name of A ({@code <module>.lora_A}) [in, r]
 * @param b       name of B ({@code <module>.lora_B}) [r, out]
 * @param in      rows of W
 * @param out     columns of W
 * @param rank    r
 * @param scaling α/r (the graph multiplies by its float32 value)
 * @param seed    seed of A's initialisation (see {@link LoraAdapters#initialA})
 */
public record LoraAdapter(String module, String base, String a, String b, int in, int out, int rank, double scaling,
                          long seed) {

    public LoraAdapter {
        if (in < 1 || out < 1 || rank < 1) {
            throw new IllegalArgumentException("LoRA adapter " + module + ": in " + in + ", out " + out + ", rank " + rank);
        }
    }

    /** Trainable values of the pair: in·r + r·out. */
    public long size() {
        return (long) in * rank + (long) rank * out;
    }

    /** A as initialised: Kaiming-uniform, deterministic in the seed and A's name. */
    public float[] initialA() {
        return LoraAdapters.initialA(a, in, rank, seed);
    }

    /** The scale factor as the graph applies it (float32). */
    public float graphScaling() {
        return (float) scaling;
    }

    /**
     * W + (α/r)·A·B, every element accumulated in double and rounded to float once.
     *
     * @param w  W [in, out] row-major
     * @param av A [in, r] row-major
     * @param bv B [r, out] row-major
     * @return a new array
     */
    public float[] merge(float[] w, float[] av, float[] bv) {
        check(w, (long) in * out, base);
        check(av, (long) in * rank, a);
        check(bv, (long) rank * out, b);
        double s = graphScaling();
        float[] merged = new float[w.length];
        double[] row = new double[out];
        for (int i = 0; i < in; i++) {
            Arrays.fill(row, 0);
            for (int k = 0; k < rank; k++) {
                double aik = av[i * rank + k];
                int bk = k * out;
                for (int j = 0; j < out; j++) {
                    row[j] += aik * bv[bk + j];
                }
            }
            int wi = i * out;
            for (int j = 0; j < out; j++) {
                merged[wi + j] = (float) (w[wi + j] + s * row[j]);
            }
        }
        return merged;
    }

    private static void check(float[] values, long expected, String name) {
        if (values.length != expected) {
            throw new ModelException("LoRA tensor " + name + ": " + values.length + " values, shape needs " + expected);
        }
    }
}
