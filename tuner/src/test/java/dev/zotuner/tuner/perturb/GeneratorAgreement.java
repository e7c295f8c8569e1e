package dev.zotuner.tuner.perturb;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;

/** Test support: checks a generator against {@link ReferenceNoise} bit for bit on many ranges. */
final class GeneratorAgreement {

    private GeneratorAgreement() {
    }

    static void assertMatchesReference(NoiseGenerator fast) {
        ReferenceNoise reference = new ReferenceNoise();
        SplittableRandom rnd = new SplittableRandom(77);
        for (NoiseKind kind : NoiseKind.values()) {
            for (int t = 0; t < 300; t++) {
                NoiseStream s = NoiseStream.of(rnd.nextLong(), "tensor." + t);
                int from = t % 3 == 0 ? rnd.nextInt(64) : rnd.nextInt(Integer.MAX_VALUE - 5000);
                int len = t < 40 ? t : rnd.nextInt(3000);
                int off = rnd.nextInt(5);
                float[] expected = new float[off + len + 3];
                float[] actual = new float[off + len + 3];
                reference.fill(kind, s, from, expected, off, len);
                fast.fill(kind, s, from, actual, off, len);
                for (int k = 0; k < expected.length; k++) {
                    if (Float.floatToRawIntBits(expected[k]) != Float.floatToRawIntBits(actual[k])) {
                        fail(fast.name() + " differs from reference: " + kind + " from " + from + " len " + len
                                + " off " + off + " at " + k + ": " + actual[k] + " vs " + expected[k]);
                    }
                }
            }
        }
    }
}
