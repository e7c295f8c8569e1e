package dev.zotuner.tuner.perturb;

import static dev.zotuner.tuner.perturb.BoxMuller.C10;
import static dev.zotuner.tuner.perturb.BoxMuller.C2;
import static dev.zotuner.tuner.perturb.BoxMuller.C4;
import static dev.zotuner.tuner.perturb.BoxMuller.C6;
import static dev.zotuner.tuner.perturb.BoxMuller.C8;
import static dev.zotuner.tuner.perturb.BoxMuller.HALF_PI;
import static dev.zotuner.tuner.perturb.BoxMuller.L3;
import static dev.zotuner.tuner.perturb.BoxMuller.L5;
import static dev.zotuner.tuner.perturb.BoxMuller.L7;
import static dev.zotuner.tuner.perturb.BoxMuller.L9;
import static dev.zotuner.tuner.perturb.BoxMuller.LN2_HI;
import static dev.zotuner.tuner.perturb.BoxMuller.LN2_LO;
import static dev.zotuner.tuner.perturb.BoxMuller.MANTISSA_SHIFT;
import static dev.zotuner.tuner.perturb.BoxMuller.S3;
import static dev.zotuner.tuner.perturb.BoxMuller.S5;
import static dev.zotuner.tuner.perturb.BoxMuller.S7;
import static dev.zotuner.tuner.perturb.BoxMuller.S9;
import static dev.zotuner.tuner.perturb.BoxMuller.SQRT_HALF_BITS;
import static dev.zotuner.tuner.perturb.SplitMix64.MIX_1;
import static dev.zotuner.tuner.perturb.SplitMix64.MIX_2;
import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.I2F;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast generator: the {@link ScalarNoise} block computed with the Vector API (JDK 17 incubator),
 * 4 SplitMix64 hashes per 256-bit long vector and 8 Box–Muller pairs per 256-bit float vector.
 *
 * <p>Only lane-wise add, multiply, fma, divide, square root, int→float conversion and bit operations
 * are used — all correctly rounded — so it matches {@link ReferenceNoise} bit for bit, interpreted or
 * compiled, on any CPU (the 256-bit species is fixed so the layout never depends on the hardware).
 * Unaligned heads and tails of a range go through {@link ReferenceNoise}.
 */
public final class VectorNoise implements NoiseGenerator {

    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_256;
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;
    private static final ReferenceNoise EDGES = new ReferenceNoise();

    @Override
    public void fill(NoiseKind kind, NoiseStream stream, int from, float[] out, int off, int len) {
        int head = Math.min(len, (16 - (from & 15)) & 15);
        EDGES.fill(kind, stream, from, out, off, head);
        int blocks = (len - head) >>> 4;
        if (blocks > 0) {
            blocks(kind, stream, (from + head) >>> 4, blocks, out, off + head);
        }
        int done = head + 16 * blocks;
        EDGES.fill(kind, stream, from + done, out, off + done, len - done);
    }

    private static void blocks(NoiseKind kind, NoiseStream s, long first, int count, float[] out, int at) {
        if (kind == NoiseKind.RADEMACHER) {
            rademacherBlocks(s, first, count, out, at);
        } else {
            gaussianBlocks(s, first, count, out, at);
        }
    }

    /**
     * Lane-wise {@link BoxMuller#radius} and {@link BoxMuller#gaussian}, both halves at once. Kept in
     * one method on purpose: C2 must see every vector operation in one compilation unit, or vectors
     * passed to a non-inlined callee are boxed (measured 4x slower).
     */
    private static void gaussianBlocks(NoiseStream stream, long first, int count, float[] out, int at) {
        long gamma = stream.gamma();
        LongVector lanes = LongVector.zero(LONGS).addIndex(1).mul(gamma);
        long base = stream.key() + 8 * first * gamma;
        FloatVector one = broadcast(1f);
        FloatVector l9 = broadcast(L9);
        FloatVector l7 = broadcast(L7);
        FloatVector l5 = broadcast(L5);
        FloatVector l3 = broadcast(L3);
        FloatVector ln2Hi = broadcast(LN2_HI);
        FloatVector ln2Lo = broadcast(LN2_LO);
        FloatVector s9 = broadcast(S9);
        FloatVector s7 = broadcast(S7);
        FloatVector s5 = broadcast(S5);
        FloatVector s3 = broadcast(S3);
        FloatVector c10 = broadcast(C10);
        FloatVector c8 = broadcast(C8);
        FloatVector c6 = broadcast(C6);
        FloatVector c4 = broadcast(C4);
        FloatVector c2 = broadcast(C2);
        for (int b = 0; b < count; b++, base += 8 * gamma, at += 16) {
            IntVector u1 = mix(lanes.add(base)).reinterpretAsInts();
            IntVector u2 = mix(lanes.add(base + 4 * gamma)).reinterpretAsInts();

            IntVector ix = ((FloatVector) u1.lanewise(LSHR, 1).or(1).convert(I2F, 0)).reinterpretAsInts()
                    .add(MANTISSA_SHIFT);
            FloatVector k = (FloatVector) ix.lanewise(ASHR, 23).sub(127 + 31).convert(I2F, 0);
            FloatVector m = ix.and(0x007FFFFF).add(SQRT_HALF_BITS).reinterpretAsFloats();
            FloatVector s = m.sub(one).div(m.add(one));
            FloatVector s2 = s.mul(s);
            FloatVector q = l9.fma(s2, l7).fma(s2, l5).fma(s2, l3).fma(s2, one);
            FloatVector ln = k.fma(ln2Hi, k.fma(ln2Lo, s.add(s).mul(q)));
            FloatVector r = ln.mul(-2f).sqrt();

            FloatVector a = u2.lanewise(LSHR, 9).or(0x3F800000).reinterpretAsFloats().sub(1.5f).mul(HALF_PI);
            FloatVector a2 = a.mul(a);
            IntVector sin = a.mul(a2).fma(s9.fma(a2, s7).fma(a2, s5).fma(a2, s3), a).reinterpretAsInts();
            IntVector cos = a2.fma(c10.fma(a2, c8).fma(a2, c6).fma(a2, c4).fma(a2, c2), one).reinterpretAsInts();
            IntVector quadrant = u2.and(3);
            IntVector swap = cos.lanewise(XOR, sin).and(quadrant.and(1).neg());
            IntVector cosPhi = cos.lanewise(XOR, swap).lanewise(XOR, quadrant.add(1).and(2).lanewise(LSHL, 30));
            IntVector sinPhi = sin.lanewise(XOR, swap).lanewise(XOR, quadrant.and(2).lanewise(LSHL, 30));
            r.mul(cosPhi.reinterpretAsFloats()).intoArray(out, at);
            r.mul(sinPhi.reinterpretAsFloats()).intoArray(out, at + 8);
        }
    }

    private static void rademacherBlocks(NoiseStream stream, long first, int count, float[] out, int at) {
        long gamma = stream.gamma();
        LongVector lanes = LongVector.zero(LONGS).addIndex(1).mul(gamma);
        long base = stream.key() + 8 * first * gamma;
        for (int b = 0; b < count; b++, base += 8 * gamma, at += 16) {
            IntVector u1 = mix(lanes.add(base)).reinterpretAsInts();
            IntVector u2 = mix(lanes.add(base + 4 * gamma)).reinterpretAsInts();
            u1.and(0x80000000).or(0x3F800000).reinterpretAsFloats().intoArray(out, at);
            u2.and(0x80000000).or(0x3F800000).reinterpretAsFloats().intoArray(out, at + 8);
        }
    }

    private static LongVector mix(LongVector z) {
        z = z.lanewise(XOR, z.lanewise(LSHR, 30)).mul(MIX_1);
        z = z.lanewise(XOR, z.lanewise(LSHR, 27)).mul(MIX_2);
        return z.lanewise(XOR, z.lanewise(LSHR, 31));
    }

    private static FloatVector broadcast(float c) {
        return FloatVector.broadcast(FLOATS, c);
    }

    @Override
    public String name() {
        return "vector";
    }

    /**
     * Runs short fills until a round allocates (next to) nothing, i.e. C2 has compiled the loops with the vectors
     * intrinsified (cold code boxes every vector: measured 1.1 GB of garbage in the first pass over the default
     * model's 22.6 M weights, which grew the committed heap, and so the resident size, by ~400 MiB for good).
     * Short fills keep the garbage of the cold phase to a few megabytes. Gives up after {@code MAX_WARM_MILLIS}.
     */
    @Override
    public WarmUp warmUp(NoiseKind kind) {
        com.sun.management.ThreadMXBean threads = allocationCounter();
        long thread = Thread.currentThread().getId();
        NoiseStream stream = NoiseStream.of(0x3A_57A7_E5EEDL, "warm-up");
        float[] out = new float[WARM_LEN];
        long start = System.nanoTime();
        long before = threads == null ? 0 : threads.getThreadAllocatedBytes(thread);
        long calls = 0;
        long last = -1;
        int round = 0;
        while (System.nanoTime() - start < MAX_WARM_MILLIS * 1_000_000L) {
            long roundStart = threads == null ? 0 : threads.getThreadAllocatedBytes(thread);
            round = calls < WARM_BUSY_CALLS ? WARM_ROUND : WARM_WAIT_ROUND;
            for (int r = 0; r < round; r++, calls++) {
                // the first calls only count invocations (no block: little garbage); the rest profile the loop too
                blocks(kind, stream, calls % 4096, calls < WARM_COUNT_ONLY ? 0 : 1, out, 0);
            }
            if (threads == null) {
                break;    // cannot tell when compiled: one round only
            }
            last = threads.getThreadAllocatedBytes(thread) - roundStart;
            if (last < (long) round * SETTLED_BYTES_PER_CALL) {
                break;
            }
            if (calls >= WARM_BUSY_CALLS) {
                pause();    // compilation is queued: waiting for it makes no garbage, running cold code does
            }
        }
        long total = threads == null ? -1 : threads.getThreadAllocatedBytes(thread) - before;
        boolean settled = last >= 0 && last < (long) round * SETTLED_BYTES_PER_CALL;
        return new WarmUp(calls, total, last, settled, (System.nanoTime() - start) / 1e6);
    }

    private static final int WARM_LEN = 16;
    private static final int WARM_ROUND = 64;
    // HotSpot queues the C2 compile after ~5,000 invocations; then only a few calls per pause
    private static final int WARM_BUSY_CALLS = 5_500;
    private static final int WARM_COUNT_ONLY = 4_500;
    private static final int WARM_WAIT_ROUND = 4;
    // cold code boxes ~600 bytes per sample (≥ 2 KB a call even without a block); compiled code none, or a
    // few hundred bytes a call when an earlier, differently profiled compilation is running
    static final int SETTLED_BYTES_PER_CALL = 1024;
    private static final long MAX_WARM_MILLIS = 5_000;

    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static com.sun.management.ThreadMXBean allocationCounter() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()
                && sun.isThreadAllocatedMemoryEnabled()) {
            return sun;
        }
        return null;
    }
}
