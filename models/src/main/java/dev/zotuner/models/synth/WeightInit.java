package dev.zotuner.models.synth;

/**
 * How a generated weight is initialised, as Hugging Face's {@code _init_weights} does: matrices and embeddings from
 * N(0, 0.02²), norm scales 1, biases 0; plus the transposed copy that {@code torch.onnx.export} writes for a tied
 * output projection (constant folding turns {@code Transpose(embedding)} into its own initializer).
 */
public sealed interface WeightInit {

    /** HF's {@code initializer_range}. */
    double STD = 0.02;

    /** Random, mean 0, standard deviation {@code std}. */
    record Normal(double std) implements WeightInit {
    }

    /** Every value {@code value}. */
    record Fill(float value) implements WeightInit {
    }

    /**
     * The transpose of an earlier 2-D weight: value {@code [c, r]} is the source's {@code [r, c]}.
     *
     * @param source the weight transposed: 2-D and {@link Normal}
     */
    record Transposed(WeightSpec source) implements WeightInit {
        public Transposed {
            if (source.dims().length != 2 || !(source.init() instanceof Normal)) {
                throw new IllegalArgumentException("only a random 2-D weight can be transposed: " + source);
            }
        }
    }

    /** N(0, 0.02²). */
    static WeightInit normal() {
        return new Normal(STD);
    }

    /** All ones (LayerNorm / RMSNorm scale). */
    static WeightInit ones() {
        return new Fill(1f);
    }

    /** All zeros (biases, LayerNorm shift). */
    static WeightInit zeros() {
        return new Fill(0f);
    }
}
