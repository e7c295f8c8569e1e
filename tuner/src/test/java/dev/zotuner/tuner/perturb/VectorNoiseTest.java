package dev.zotuner.tuner.perturb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VectorNoiseTest {

    @Test
    void matchesReferenceBitForBitColdAndWarm() {
        // first round runs mostly interpreted / C1, later rounds C2-compiled
        for (int round = 0; round < 4; round++) {
            GeneratorAgreement.assertMatchesReference(new VectorNoise());
        }
    }

    @Test
    void longRunMatchesAfterCompilation() {
        VectorNoise fast = new VectorNoise();
        ReferenceNoise reference = new ReferenceNoise();
        NoiseStream s = NoiseStream.of(123, "embeddings.word_embeddings.weight");
        float[] warm = new float[1 << 16];
        for (int k = 0; k < 300; k++) {
            fast.fill(NoiseKind.GAUSSIAN, s, k * 16, warm, 0, warm.length);
        }
        float[] expected = new float[warm.length];
        reference.fill(NoiseKind.GAUSSIAN, s, 4099, expected, 0, expected.length);
        fast.fill(NoiseKind.GAUSSIAN, s, 4099, warm, 0, warm.length);
        for (int i = 0; i < warm.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(warm[i]), "index " + i);
        }
    }

    @Test
    void warmUpEndsOnARoundThatAllocatesNothingAndChangesNoValue() {
        VectorNoise fast = new VectorNoise();
        for (NoiseKind kind : NoiseKind.values()) {
            WarmUp w = fast.warmUp(kind);
            assertTrue(w.calls() > 0 && w.allocatedBytes() >= 0, w.toString());
            assertTrue(w.settled(), "compiled code still allocates: " + w);
            assertTrue(w.lastRoundBytes() < 64L * VectorNoise.SETTLED_BYTES_PER_CALL, w.toString());
        }
        GeneratorAgreement.assertMatchesReference(fast);
    }

    @Test
    void isTheFastestWhenTheModuleIsLoaded() {
        assertInstanceOf(VectorNoise.class, NoiseGenerator.fastest());
    }
}
