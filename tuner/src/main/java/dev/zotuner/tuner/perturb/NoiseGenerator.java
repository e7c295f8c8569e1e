package dev.zotuner.tuner.perturb;

/**
 * Fills ranges of a tensor's perturbation direction z. Every implementation computes the same pure
 * function of (stream, index) — {@link ReferenceNoise} defines it — so they are interchangeable bit
 * for bit and differ only in speed. Implementations are stateless and thread-safe.
 *
 * <p>Layout (shared by all implementations): indices come in blocks of 16. Element i, with
 * B = i / 16, j = i mod 8 and half = (i / 8) mod 2, takes word (j mod 2) of {@code hash(8B + j/2)} as
 * u₁ and the same word of {@code hash(8B + 4 + j/2)} as u₂, and is half {@code half} of the
 * {@link BoxMuller} pair (Gaussian) or the top bit of u₁ (half 0) / u₂ (half 1) (Rademacher). The
 * block width matches eight 32-bit lanes, so one vector iteration makes 16 values.
 */
public interface NoiseGenerator {

    /**
     * Writes z[from .. from+len) of {@code stream} to {@code out[off .. off+len)}.
     *
     * @param from first tensor index (≥ 0); {@code from + len} must not exceed 2³¹ − 1
     */
    void fill(NoiseKind kind, NoiseStream stream, int from, float[] out, int off, int len);

    /**
     * Brings the generator to its steady state before a long pass, when that matters; the default does
     * nothing. See {@link VectorNoise#warmUp}: cold Vector API code boxes every vector, so a first pass
     * over a large model would otherwise leave about a gigabyte of garbage (and a heap that size).
     *
     * @return what the warm-up did, for logs and benchmarks
     */
    default WarmUp warmUp(NoiseKind kind) {
        return WarmUp.NONE;
    }

    /** Short name for benchmarks and logs. */
    String name();

    /** The Vector API generator when {@code jdk.incubator.vector} is loaded, else {@link ScalarNoise}. */
    static NoiseGenerator fastest() {
        boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        return vector ? new VectorNoise() : new ScalarNoise();
    }
}
