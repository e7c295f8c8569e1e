package dev.zotuner.tuner.perturb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerturbationEngineTest {

    /** Odd sizes so chunks and 16-blocks end mid-way; one tensor spans several chunks. */
    private static ParameterStore store() {
        return ParameterStore.builder()
                .add("a.weight", new long[] {3, 1001}, "a", true, null)
                .add("a.bias", new long[] {7}, "a", false, null)
                .add("b.weight", new long[] {5 * PerturbationEngine.CHUNK + 13}, "b", true, null)
                .add("c.bias", new long[] {1}, "c", false, null)
                .build();
    }

    private static float[] perturbed(int threads, NoiseKind kind) {
        ParameterStore s = store();
        try (PerturbationEngine e = new PerturbationEngine(threads, kind)) {
            e.perturb(s.parameters(), 11, 0.5f);
            e.pass(s.parameters(), new long[] {12, 13}, (p, from, len, theta, z) -> {
                for (int i = 0; i < len; i++) {
                    theta[i] = Math.fma(-0.25f, z[1][i], Math.fma(2f, z[0][i], theta[i]));
                }
            });
        }
        return s.snapshot();
    }

    @Test
    void resultIsIdenticalForOneTwoAndThreeThreads() {
        for (NoiseKind kind : NoiseKind.values()) {
            float[] one = perturbed(1, kind);
            assertArrayEquals(one, perturbed(2, kind));
            assertArrayEquals(one, perturbed(3, kind));
        }
    }

    @Test
    void perturbAddsScaledReferenceNoise() {
        ParameterStore s = store();
        try (PerturbationEngine e = new PerturbationEngine(2, NoiseKind.GAUSSIAN)) {
            e.perturb(s.parameters(), 99, 0.001f);
        }
        for (Parameter p : s.parameters()) {
            NoiseStream stream = NoiseStream.of(99, p.name());
            for (int i = 0; i < p.size(); i++) {
                float expected = Math.fma(0.001f, ReferenceNoise.z(NoiseKind.GAUSSIAN, stream, i), 0f);
                assertEquals(expected, p.values().get(i), p.name() + "[" + i + "]");
            }
        }
    }

    @Test
    void aTensorsNoiseDoesNotDependOnWhichOtherTensorsArePerturbed() {
        ParameterStore all = store();
        ParameterStore one = store();
        try (PerturbationEngine e = new PerturbationEngine(3, NoiseKind.GAUSSIAN)) {
            e.perturb(all.parameters(), 5, 1f);
            e.perturb(List.of(one.get("b.weight")), 5, 1f);
        }
        float[] expected = new float[one.get("b.weight").size()];
        float[] actual = expected.clone();
        all.get("b.weight").values().get(0, expected);
        one.get("b.weight").values().get(0, actual);
        assertArrayEquals(expected, actual);
        assertEquals(0f, one.get("a.weight").values().get(17), "frozen tensor untouched");
    }

    @Test
    void noiseMaterialisesTheSameValuesThePassSees() {
        ParameterStore s = store();
        Parameter b = s.get("b.weight");
        try (PerturbationEngine e = new PerturbationEngine(2, NoiseKind.RADEMACHER)) {
            float[] z = new float[b.size()];
            e.noise(b, 8, 0, z, 0, b.size());
            e.perturb(List.of(b), 8, 3f);
            for (int i = 0; i < b.size(); i += 101) {
                assertEquals(3f * z[i], b.values().get(i));
            }
        }
    }

    @Test
    void kernelFailuresPropagateAndClosedEngineRefuses() {
        ParameterStore s = store();
        PerturbationEngine e = new PerturbationEngine(2, NoiseKind.GAUSSIAN);
        IllegalStateException boom = assertThrows(IllegalStateException.class,
                () -> e.pass(s.parameters(), new long[] {1}, (p, from, len, theta, z) -> {
                    throw new IllegalStateException("kernel failed on " + p.name());
                }));
        assertEquals(true, boom.getMessage().startsWith("kernel failed on "));
        e.close();
        assertThrows(IllegalStateException.class, () -> e.perturb(s.parameters(), 1, 1f));
        assertThrows(IllegalArgumentException.class, () -> new PerturbationEngine(0, NoiseKind.GAUSSIAN));
    }

    @Test
    void warmsItsGeneratorOnceAndOnlyIfItHasCodeToWarm() {
        try (PerturbationEngine e = new PerturbationEngine(1, NoiseKind.GAUSSIAN, new ScalarNoise())) {
            assertSame(WarmUp.NONE, e.warmUp());
        }
        try (PerturbationEngine e = new PerturbationEngine(1, NoiseKind.GAUSSIAN, new VectorNoise())) {
            WarmUp first = e.warmUp();
            assertSame(first, e.warmUp(), "a second call repeats nothing");
        }
    }
}
