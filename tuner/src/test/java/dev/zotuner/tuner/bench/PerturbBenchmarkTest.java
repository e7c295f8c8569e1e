package dev.zotuner.tuner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.optim.Restoration;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import dev.zotuner.tuner.perturb.ScalarNoise;
import org.junit.jupiter.api.Test;

class PerturbBenchmarkTest {

    @Test
    void driftIsZeroWithoutStepsAndUlpSizedAfterSome() {
        ParameterStore store = BenchLayout.minilm(20, 0);
        PerturbBenchmark bench = new PerturbBenchmark(store, 1);
        try (PerturbationEngine engine = new PerturbationEngine(2, NoiseKind.GAUSSIAN)) {
            PerturbBenchmark.Drift none = bench.drift(engine, 0);
            assertEquals(0, none.maxAbs(), 0);
            assertEquals(0, none.changedFraction(), 0);
            PerturbBenchmark.Drift some = bench.drift(engine, 20);
            assertTrue(some.changedFraction() > 0.1, "in-place restoration changes many elements: " + some);
            assertTrue(some.maxUlps() >= 1 && some.maxUlps() < 200, "drift stays ulp-sized: " + some);
            assertTrue(some.meanAbs() <= some.rms() && some.rms() <= some.maxAbs());
        }
    }

    @Test
    void timingsArePositive() {
        ParameterStore store = BenchLayout.minilm(20, 0);
        PerturbBenchmark bench = new PerturbBenchmark(store, 1);
        assertTrue(PerturbBenchmark.randomGaussianNs(8192) > 0);
        assertTrue(PerturbBenchmark.generatorNs(new ScalarNoise(), 8192) > 0);
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            assertTrue(bench.perturbPassNs(engine) > 0);
            assertTrue(bench.naiveStepMs(engine) > 0);
            assertTrue(bench.zoSgdStepMs(engine, Restoration.SNAPSHOT) > 0);
            assertTrue(bench.lookaheadStepMs(engine) > 0);
        }
    }
}
