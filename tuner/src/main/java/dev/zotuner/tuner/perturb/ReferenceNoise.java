package dev.zotuner.tuner.perturb;

/**
 * The definition of the noise: one element at a time, straight from the layout described in
 * {@link NoiseGenerator}. Obviously correct and slow (two hashes and a full Box–Muller per element);
 * the fast generators are tested against it bit for bit.
 */
public final class ReferenceNoise implements NoiseGenerator {

    /** z_i of {@code stream}. */
    public static float z(NoiseKind kind, NoiseStream stream, int i) {
        if (i < 0) {
            throw new IllegalArgumentException("noise index " + i + " is negative");
        }
        long block = i >>> 4;
        int j = i & 7;
        int half = (i >>> 3) & 1;
        int u1 = stream.word(8 * block + (j >>> 1), j & 1);
        int u2 = stream.word(8 * block + 4 + (j >>> 1), j & 1);
        return switch (kind) {
            case GAUSSIAN -> BoxMuller.gaussian(u1, u2, half);
            case RADEMACHER -> BoxMuller.rademacher(half == 0 ? u1 : u2);
        };
    }

    @Override
    public void fill(NoiseKind kind, NoiseStream stream, int from, float[] out, int off, int len) {
        for (int k = 0; k < len; k++) {
            out[off + k] = z(kind, stream, from + k);
        }
    }

    @Override
    public String name() {
        return "reference";
    }
}
