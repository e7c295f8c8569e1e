package dev.zotuner.tuner.perturb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The noise's distribution, on 10⁶ samples of the reference definition (bounds ≈ 5 standard errors). */
class ReferenceNoiseTest {

    private static final int N = 1_000_000;
    private static final ReferenceNoise REFERENCE = new ReferenceNoise();
    private static float[] z;

    @BeforeAll
    static void sample() {
        z = sample(NoiseKind.GAUSSIAN, 20240601L, "encoder.layer.0.attention.self.query.weight", N);
    }

    private static float[] sample(NoiseKind kind, long seed, String tensor, int n) {
        float[] out = new float[n];
        REFERENCE.fill(kind, NoiseStream.of(seed, tensor), 0, out, 0, n);
        return out;
    }

    @Test
    void momentsAreThoseOfAStandardNormal() {
        assertEquals(0, Statistics.mean(z), 5 / Math.sqrt(N));
        assertEquals(1, Statistics.moment(z, 2), 5 * Math.sqrt(2.0 / N));
        assertEquals(0, Statistics.moment(z, 3), 5 * Math.sqrt(15.0 / N));
        assertEquals(3, Statistics.moment(z, 4), 5 * Math.sqrt(96.0 / N));
    }

    @Test
    void passesKolmogorovSmirnovAndChiSquare() {
        double d = Statistics.ksDistance(z);
        assertTrue(d < 1.95 / Math.sqrt(N), "KS distance " + d + " (critical value at 0.001: 0.00195)");
        double chi = Statistics.chiSquare(z, 100);
        assertTrue(chi < 148.2, "chi-square " + chi + " with 99 dof (critical value at 0.001: 148.2)");
    }

    @Test
    void tailsAreRepresented() {
        long beyond3 = 0;
        float max = 0;
        for (float v : z) {
            beyond3 += Math.abs(v) > 3 ? 1 : 0;
            max = Math.max(max, Math.abs(v));
        }
        double expected = N * 2 * (1 - Statistics.phi(3));   // 2700
        assertEquals(expected, beyond3, 5 * Math.sqrt(expected));
        assertTrue(max > 4.2 && max < 6.6, "max |z| " + max);
    }

    @Test
    void elementsAtEveryLagAreUncorrelated() {
        int n = N / 2;
        for (int lag : new int[] {1, 2, 7, 8, 9, 15, 16, 17, 64}) {
            float[] a = slice(z, 0, n);
            float[] b = slice(z, lag, n);
            assertEquals(0, Statistics.correlation(a, b), 5 / Math.sqrt(n), "lag " + lag);
            assertEquals(0, Statistics.correlation(square(a), square(b)), 5 / Math.sqrt(n), "squares, lag " + lag);
        }
    }

    @Test
    void boxMullerPartnersAreIndependentNotJustUncorrelated() {
        // z_i and z_{i+8} share one (r, φ) pair: r·cos φ and r·sin φ
        int pairs = N / 2;
        float[] a = new float[pairs];
        float[] b = new float[pairs];
        for (int p = 0; p < pairs; p++) {
            int i = (p / 8) * 16 + p % 8;
            a[p] = z[i];
            b[p] = z[i + 8];
        }
        double chi = Statistics.chiSquare2d(a, b, 10);
        assertTrue(chi < 131.1, "2-D chi-square " + chi + " with 81 dof (critical value at 0.001: 131.1)");
    }

    @Test
    void differentSeedsAndTensorsGiveIndependentNoise() {
        int n = 200_000;
        float[] base = slice(z, 0, n);
        float[] nextSeed = sample(NoiseKind.GAUSSIAN, 20240602L, "encoder.layer.0.attention.self.query.weight", n);
        float[] sibling = sample(NoiseKind.GAUSSIAN, 20240601L, "encoder.layer.0.attention.self.key.weight", n);
        assertEquals(0, Statistics.correlation(base, nextSeed), 5 / Math.sqrt(n));
        assertEquals(0, Statistics.correlation(base, sibling), 5 / Math.sqrt(n));
        assertTrue(Statistics.chiSquare2d(base, sibling, 10) < 131.1);
    }

    @Test
    void rademacherIsBalancedSigns() {
        int n = 200_000;
        float[] r = sample(NoiseKind.RADEMACHER, 3, "w", n);
        long plus = 0;
        for (float v : r) {
            assertEquals(1f, Math.abs(v));
            plus += v > 0 ? 1 : 0;
        }
        assertEquals(n / 2.0, plus, 5 * Math.sqrt(n / 4.0));
        assertEquals(0, Statistics.correlation(slice(r, 0, n - 8), slice(r, 8, n - 8)), 5 / Math.sqrt(n));
    }

    @Test
    void valueDependsOnlyOnStreamAndIndex() {
        NoiseStream s = NoiseStream.of(9, "t");
        float[] range = new float[40];
        REFERENCE.fill(NoiseKind.GAUSSIAN, s, 1000, range, 0, 40);
        for (int k = 0; k < 40; k++) {
            assertEquals(Float.floatToRawIntBits(ReferenceNoise.z(NoiseKind.GAUSSIAN, s, 1000 + k)),
                    Float.floatToRawIntBits(range[k]));
        }
        assertThrows(IllegalArgumentException.class, () -> ReferenceNoise.z(NoiseKind.GAUSSIAN, s, -1));
    }

    private static float[] slice(float[] x, int from, int n) {
        float[] out = new float[n];
        System.arraycopy(x, from, out, 0, n);
        return out;
    }

    private static float[] square(float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * x[i];
        }
        return out;
    }
}
