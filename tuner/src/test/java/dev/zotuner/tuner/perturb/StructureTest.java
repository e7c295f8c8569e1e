package dev.zotuner.tuner.perturb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.Quadratic;
import java.util.List;
import org.junit.jupiter.api.Test;

class StructureTest {

    private static final List<Structure> STRUCTURES = List.of(new Structure.Dense(), new Structure.Sparse(0.25),
            new Structure.LowRank(2));

    /** A matrix spanning several chunks, a small matrix and a vector. */
    private static ParameterStore store() {
        return ParameterStore.builder()
                .add("big.weight", new long[] {3, 2 * PerturbationEngine.CHUNK + 77}, "a", true, null)
                .add("small.weight", new long[] {4, 5}, "a", true, null)
                .add("small.bias", new long[] {5}, "a", false, null)
                .build();
    }

    private static float[] z(Structure structure, int threads, long seed) {
        ParameterStore s = store();
        try (PerturbationEngine e = new PerturbationEngine(threads, NoiseKind.GAUSSIAN, structure)) {
            e.perturb(s.parameters(), seed, 1f);
        }
        return s.snapshot();
    }

    @Test
    void everyStructureIsIdenticalForOneTwoAndThreeThreads() {
        for (Structure structure : STRUCTURES) {
            float[] one = z(structure, 1, 5);
            assertArrayEquals(one, z(structure, 2, 5), structure.label());
            assertArrayEquals(one, z(structure, 3, 5), structure.label());
        }
    }

    @Test
    void sparseKeepsAFreshFractionOfTheReferenceNoiseScaledByOneOverRootDensity() {
        Structure.Sparse sparse = new Structure.Sparse(0.25);
        ParameterStore s = store();
        float[] z = z(sparse, 2, 7);
        int kept = 0;
        int offset = 0;
        for (Parameter p : s.parameters()) {
            NoiseStream values = NoiseStream.of(7, p.name());
            for (int i = 0; i < p.size(); i++) {
                float dense = ReferenceNoise.z(NoiseKind.GAUSSIAN, values, i);
                float actual = z[offset + i];
                assertTrue(actual == 0f || actual == dense * sparse.scale(), p.name() + "[" + i + "]");
                kept += actual != 0f ? 1 : 0;
            }
            offset += p.size();
        }
        double fraction = kept / (double) z.length;
        double se = Math.sqrt(0.25 * 0.75 / z.length);
        assertEquals(0.25, fraction, 4 * se, "density " + fraction + " of " + z.length);
        float[] other = z(sparse, 2, 8);
        int both = 0;
        for (int i = 0; i < z.length; i++) {
            both += z[i] != 0 && other[i] != 0 ? 1 : 0;
        }
        assertEquals(0.0625, both / (double) z.length, 0.01, "another step draws another mask");
    }

    @Test
    void lowRankIsUTimesVTransposedOverRootRankAndVectorsStayDense() {
        ParameterStore s = store();
        float[] z = z(new Structure.LowRank(2), 1, 9);
        Parameter m = s.get("small.weight");
        NoiseStream u = NoiseStream.of(9, "small.weight#U");
        NoiseStream v = NoiseStream.of(9, "small.weight#V");
        float scale = (float) (1 / Math.sqrt(2));
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 5; b++) {
                float sum = 0;
                for (int j = 0; j < 2; j++) {
                    sum = Math.fma(ReferenceNoise.z(NoiseKind.GAUSSIAN, u, a * 2 + j),
                            ReferenceNoise.z(NoiseKind.GAUSSIAN, v, b * 2 + j), sum);
                }
                assertEquals(sum * scale, z[(int) m.offset() + a * 5 + b], "z[" + a + "][" + b + "]");
            }
        }
        Parameter bias = s.get("small.bias");
        for (int i = 0; i < 5; i++) {
            assertEquals(ReferenceNoise.z(NoiseKind.GAUSSIAN, NoiseStream.of(9, "small.bias"), i),
                    z[(int) bias.offset() + i]);
        }
        assertEquals(0, determinant3(z, (int) m.offset(), 5), 1e-4, "every 3x3 minor of a rank-2 matrix vanishes");
    }

    private static double determinant3(float[] z, int at, int cols) {
        double[][] x = new double[3][3];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                x[a][b] = z[at + a * cols + b];
            }
        }
        return x[0][0] * (x[1][1] * x[2][2] - x[1][2] * x[2][1]) - x[0][1] * (x[1][0] * x[2][2] - x[1][2] * x[2][0])
                + x[0][2] * (x[1][0] * x[2][1] - x[1][1] * x[2][0]);
    }

    /**
     * The two-point estimate g·z, g = (L(θ+εz) − L(θ−εz))/(2ε), averaged over many steps' directions, matches ∇L on a
     * quadratic (where the symmetric difference is exact): every coordinate within 4 standard errors of its sample
     * mean, because every structure keeps E[z zᵀ] = I.
     */
    @Test
    void theTwoPointEstimateIsUnbiasedForEveryStructure() {
        for (Structure structure : STRUCTURES) {
            ParameterStore s = ParameterStore.builder().add("w", new long[] {3, 4}, "a", true, null)
                    .add("b", new long[] {3}, "a", false, null).build();
            int d = (int) s.size();
            double[] h = new double[d];
            double[] optimum = new double[d];
            for (int i = 0; i < d; i++) {
                h[i] = 1 + i % 4;
                optimum[i] = 0.5 - 0.1 * i;
            }
            Quadratic q = Quadratic.diagonal(s, h, optimum);
            float[] theta = new float[d];
            for (int i = 0; i < d; i++) {
                theta[i] = 0.3f * (i % 5) - 0.4f;
            }
            s.restore(theta);
            double[] grad = q.gradient(new int[] {0});
            int n = 20_000;
            double[] sum = new double[d];
            double[] sumSq = new double[d];
            float eps = 1e-2f;
            float[] z = new float[d];
            try (PerturbationEngine e = new PerturbationEngine(1, NoiseKind.GAUSSIAN, structure)) {
                for (int k = 0; k < n; k++) {
                    e.perturb(s.parameters(), k, eps);
                    double plus = q.loss();
                    e.perturb(s.parameters(), k, -2 * eps);
                    double minus = q.loss();
                    s.restore(theta);
                    double g = (plus - minus) / (2 * eps);
                    int at = 0;
                    for (Parameter p : s.parameters()) {
                        e.noise(p, k, 0, z, at, p.size());
                        at += p.size();
                    }
                    for (int i = 0; i < d; i++) {
                        sum[i] += g * z[i];
                        sumSq[i] += g * z[i] * g * z[i];
                    }
                }
            }
            for (int i = 0; i < d; i++) {
                double mean = sum[i] / n;
                double se = Math.sqrt((sumSq[i] / n - mean * mean) / n);
                assertEquals(grad[i], mean, 4 * se, structure.label() + " coordinate " + i);
            }
        }
    }

    @Test
    void badSettingsAreOneLineErrors() {
        assertEquals("--density must be in (0, 1], got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new Structure.Sparse(0)).getMessage());
        assertEquals("--rank must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new Structure.LowRank(0)).getMessage());
        assertEquals("--perturbation must be dense, sparse or lowrank, got banded",
                assertThrows(IllegalArgumentException.class, () -> Structure.parse("banded", 0.1, 2)).getMessage());
        assertFalse(Structure.parse("sparse", 0.1, 2).label().isEmpty());
    }
}
