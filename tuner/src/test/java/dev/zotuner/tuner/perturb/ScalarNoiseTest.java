package dev.zotuner.tuner.perturb;

import org.junit.jupiter.api.Test;

class ScalarNoiseTest {

    @Test
    void matchesReferenceBitForBit() {
        GeneratorAgreement.assertMatchesReference(new ScalarNoise());
    }
}
