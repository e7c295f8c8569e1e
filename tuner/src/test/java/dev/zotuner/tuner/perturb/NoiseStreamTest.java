package dev.zotuner.tuner.perturb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NoiseStreamTest {

    @Test
    void dependsOnlyOnSeedAndName() {
        assertEquals(NoiseStream.of(42, "w"), NoiseStream.of(42, "w"));
        assertNotEquals(NoiseStream.of(42, "w"), NoiseStream.of(43, "w"));
        assertNotEquals(NoiseStream.of(42, "w"), NoiseStream.of(42, "v"));
    }

    @Test
    void gammaIsOddAndPerStream() {
        NoiseStream a = NoiseStream.of(1, "layer.0.weight");
        NoiseStream b = NoiseStream.of(1, "layer.1.weight");
        assertEquals(1, a.gamma() & 1);
        assertNotEquals(a.gamma(), b.gamma(), "streams must not be shifted copies of one another");
        assertThrows(IllegalArgumentException.class, () -> new NoiseStream(0, 2));
    }

    @Test
    void hashIsMixedWeylSequenceAndWordsAreItsHalves() {
        NoiseStream s = new NoiseStream(100, 7);
        assertEquals(SplitMix64.mix64(100 + 5 * 7), s.hash(5));
        long h = s.hash(9);
        assertEquals((int) h, s.word(9, 0));
        assertEquals((int) (h >>> 32), s.word(9, 1));
        assertTrue(s.hash(0) != s.hash(1));
    }
}
