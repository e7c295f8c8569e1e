package dev.zotuner.tuner.perturb;

/**
 * Fast scalar generator: per block of 16 it hashes 8 counters once and runs each Box–Muller pair
 * once for both of its outputs. The fallback when the Vector API module is absent; also the edge
 * handler of {@link VectorNoise}.
 */
public final class ScalarNoise implements NoiseGenerator {

    private static final ReferenceNoise EDGES = new ReferenceNoise();

    @Override
    public void fill(NoiseKind kind, NoiseStream stream, int from, float[] out, int off, int len) {
        int head = Math.min(len, (16 - (from & 15)) & 15);
        EDGES.fill(kind, stream, from, out, off, head);
        int k = head;
        for (; k + 16 <= len; k += 16) {
            block(kind, stream, (from + k) >>> 4, out, off + k);
        }
        EDGES.fill(kind, stream, from + k, out, off + k, len - k);
    }

    /** Writes the 16 values of block {@code b} to {@code out[at .. at+16)}. */
    static void block(NoiseKind kind, NoiseStream stream, long b, float[] out, int at) {
        long base = 8 * b;
        for (int m = 0; m < 4; m++) {
            long h1 = stream.hash(base + m);
            long h2 = stream.hash(base + 4 + m);
            pair(kind, (int) h1, (int) h2, out, at + 2 * m);
            pair(kind, (int) (h1 >>> 32), (int) (h2 >>> 32), out, at + 2 * m + 1);
        }
    }

    private static void pair(NoiseKind kind, int u1, int u2, float[] out, int at) {
        if (kind == NoiseKind.RADEMACHER) {
            out[at] = BoxMuller.rademacher(u1);
            out[at + 8] = BoxMuller.rademacher(u2);
            return;
        }
        float r = BoxMuller.radius(u1);
        float a = BoxMuller.angle(u2);
        int q = u2 & 3;
        int cos = Float.floatToRawIntBits(BoxMuller.cos(a));
        int sin = Float.floatToRawIntBits(BoxMuller.sin(a));
        int swap = (cos ^ sin) & -(q & 1);
        out[at] = r * Float.intBitsToFloat((cos ^ swap) ^ (((q + 1) & 2) << 30));
        out[at + 8] = r * Float.intBitsToFloat((sin ^ swap) ^ ((q & 2) << 30));
    }

    @Override
    public String name() {
        return "scalar";
    }
}
