package dev.zotuner.tuner.perturb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BoxMullerTest {

    private static final double TOLERANCE = 1e-6;

    @Test
    void logIsAccurateToOneMillionthRelative() {
        double worst = 0;
        int from = Float.floatToRawIntBits(1e-30f);
        int to = Float.floatToRawIntBits(1e30f);
        for (int bits = from; bits < to; bits += 997) {
            float x = Float.intBitsToFloat(bits);
            if (x == 1f) {
                continue;
            }
            worst = Math.max(worst, Math.abs(BoxMuller.log(x) - Math.log(x)) / Math.abs(Math.log(x)));
        }
        assertTrue(worst < TOLERANCE, "log max relative error " + worst);
        assertEquals(0f, BoxMuller.log(1f));
        // near 1 the reduction keeps relative accuracy (no cancellation)
        float x = 1.0001f;
        assertEquals(Math.log(x), BoxMuller.log(x), Math.log(x) * TOLERANCE);
    }

    @Test
    void sinAndCosAreAccurateOnTheReducedRange() {
        double worstSin = 0;
        double worstCos = 0;
        for (int i = -1_000_000; i <= 1_000_000; i++) {
            float a = (float) (i * (Math.PI / 4) / 1_000_000);
            if (a != 0) {
                worstSin = Math.max(worstSin, Math.abs(BoxMuller.sin(a) - Math.sin(a)) / Math.abs(Math.sin(a)));
            }
            worstCos = Math.max(worstCos, Math.abs(BoxMuller.cos(a) - Math.cos(a)) / Math.abs(Math.cos(a)));
        }
        assertTrue(worstSin < TOLERANCE, "sin max relative error " + worstSin);
        assertTrue(worstCos < TOLERANCE, "cos max relative error " + worstCos);
    }

    @Test
    void gaussianPairIsTheBoxMullerTransformOfItsWords() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int t = 0; t < 100_000; t++) {
            int w1 = rnd.nextInt();
            int w2 = rnd.nextInt();
            double u1 = (float) ((w1 >>> 1) | 1) / 2147483648.0;   // u1 is rounded to 24 bits first
            double r = Math.sqrt(-2 * Math.log(u1));
            double phi = ((w2 >>> 9) / 8388608.0 - 0.5) * Math.PI / 2 + (w2 & 3) * Math.PI / 2;
            assertEquals(r, BoxMuller.radius(w1), 2e-6 * r + 1e-7);
            assertEquals(r * Math.cos(phi), BoxMuller.gaussian(w1, w2, 0), 2e-6 * r + 1e-7);
            assertEquals(r * Math.sin(phi), BoxMuller.gaussian(w1, w2, 1), 2e-6 * r + 1e-7);
        }
    }

    @Test
    void radiusCoversTheTail() {
        assertEquals(Math.sqrt(-2 * Math.log(Math.pow(2, -31))), BoxMuller.radius(0), 1e-5);
        assertTrue(BoxMuller.radius(-1) < 1e-4, "u1 → 1 gives r → 0");
    }

    @Test
    void rademacherIsTheSignOfTheTopBit() {
        assertEquals(1f, BoxMuller.rademacher(0x7FFFFFFF));
        assertEquals(-1f, BoxMuller.rademacher(0x80000000));
        assertEquals(-1f, BoxMuller.rademacher(-1));
    }
}
