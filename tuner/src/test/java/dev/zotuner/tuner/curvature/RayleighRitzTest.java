package dev.zotuner.tuner.curvature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.Quadratic;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import dev.zotuner.tuner.linalg.SymmetricEigen;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RayleighRitzTest {

    private static final int D = 20;
    private static final int[] ALL = {0};
    private static final double[] SPECTRUM = spectrum();

    private static double[] spectrum() {
        double[] l = new double[D];
        for (int i = 0; i < D; i++) {
            l[i] = 10.0 / (1 + i * i);   // λmax = 10, well separated
        }
        return l;
    }

    private static RitzEstimate ritz(PerturbationEngine e, Quadratic q, List<Direction> dirs, Preconditioner p) {
        return new RayleighRitz(e).estimate(q, ALL, dirs, p, RayleighRitz.Options.defaults());
    }

    @Test
    void ritzValuesAreTheEigenvaluesOfTheProjectedHessianAndBoundLambdaMaxFromBelow() {
        double[][] h = Problems.rotated(SPECTRUM, 1);
        Quadratic q = Problems.dense(h, 2);
        float[] before = q.parameters().snapshot();
        try (PerturbationEngine e = new PerturbationEngine(2, NoiseKind.GAUSSIAN)) {
            for (int trial = 0; trial < 20; trial++) {
                List<Direction> dirs = List.of(Direction.seeded(3 * trial), Direction.seeded(3 * trial + 1),
                        Direction.seeded(3 * trial + 2));
                RitzEstimate r = ritz(e, q, dirs, null);
                assertEquals(3, r.dimension());
                assertEquals(3 * 4 + 1, r.forwards());
                // up to the finite-difference error, relative O(ulp(θ)/(h√n)) ~ 10⁻⁵ here
                assertTrue(r.lambdaMaxLowerBound() <= 10 * (1 + 1e-4), "trial " + trial + ": " + r);
                double[] exact = projectedEigenvalues(h, noise(e, q.parameters(), dirs));
                assertArrayEquals(exact, r.ritzValues(), 1e-4 * 10);
                double one = ritz(e, q, dirs.subList(0, 1), null).lambdaMaxLowerBound();
                assertTrue(r.lambdaMaxLowerBound() >= one - 1e-6, "a larger subspace never lowers the bound");
            }
            assertArrayEquals(before, q.parameters().snapshot());
        }
    }

    @Test
    void equalsLambdaMaxWhenTheSubspaceHoldsTheTopEigenvector() {
        double[][] h = Problems.rotated(SPECTRUM, 4);
        Quadratic q = Problems.dense(h, 5);
        double[][] u = Problems.orthogonal(D, 4); // column 0 belongs to λ = 10
        float[] top = new float[D];
        for (int i = 0; i < D; i++) {
            top[i] = (float) (3 * u[i][0]);
        }
        try (PerturbationEngine e = new PerturbationEngine(1, NoiseKind.RADEMACHER)) {
            RitzEstimate r = ritz(e, q, List.of(Direction.seeded(1), Direction.vector(top), Direction.seeded(2)), null);
            assertEquals(10, r.lambdaMaxLowerBound(), 1e-4 * 10);
            RitzEstimate without = ritz(e, q, List.of(Direction.seeded(1), Direction.seeded(2)), null);
            assertTrue(without.lambdaMaxLowerBound() < 9, "random directions alone give a strict lower bound: " + without);
        }
    }

    @Test
    void preconditionedValuesBoundTheTopEigenvalueOfPInverseH() {
        double[][] h = Problems.rotated(SPECTRUM, 6);
        float[] theta = Problems.gaussian(D, 1, 7);
        Quadratic q = Quadratic.dense(Problems.store(theta), h, Problems.doubles(theta));
        float[] p = new float[D];
        for (int i = 0; i < D; i++) {
            p[i] = (float) Math.exp(Math.sin(i)); // e^-1 … e
        }
        double[][] hat = new double[D][D];   // Ĥ = P^{-1/2} H P^{-1/2}, same eigenvalues as P⁻¹H
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                hat[i][j] = h[i][j] / Math.sqrt((double) p[i] * p[j]);
            }
        }
        SymmetricEigen eig = SymmetricEigen.of(hat);
        double[] values = eig.values();
        int k = 0;
        for (int i = 1; i < D; i++) {
            k = values[i] > values[k] ? i : k;
        }
        float[] top = new float[D];
        double[][] vec = eig.vectors();
        for (int i = 0; i < D; i++) {
            top[i] = (float) vec[i][k];
        }
        Preconditioner pre = Preconditioner.diagonal(p);
        try (PerturbationEngine e = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            RitzEstimate r = ritz(e, q, List.of(Direction.vector(top), Direction.seeded(9)), pre);
            assertTrue(r.preconditioned());
            assertEquals(values[k], r.lambdaMaxLowerBound(), 1e-4 * values[k]);
            RitzEstimate seeds = ritz(e, q, List.of(Direction.seeded(9), Direction.seeded(10)), pre);
            assertTrue(seeds.lambdaMaxLowerBound() <= values[k] * (1 + 1e-4));
            assertTrue(seeds.lambdaMaxLowerBound() < 0.9 * values[k], seeds.toString());
        }
    }

    @Test
    void rejectsEmptyOrZeroSubspaces() {
        Quadratic q = Problems.dense(Problems.rotated(new double[] {1, 2}, 1), 1);
        try (PerturbationEngine e = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            assertEquals("Rayleigh-Ritz needs at least one direction",
                    assertThrows(IllegalArgumentException.class, () -> ritz(e, q, List.of(), null)).getMessage());
            assertEquals("Rayleigh-Ritz: all 1 directions are zero", assertThrows(IllegalArgumentException.class,
                    () -> ritz(e, q, List.of(Direction.vector(new float[2])), null)).getMessage());
        }
    }

    @Test
    void generalizedEigenvaluesUseTheGramMatrix() {
        double[][] a = {{2, 1}, {1, 3}};
        double[][] g = {{4, 0}, {0, 1}};   // A c = μ G c  ⇔  eig of [[0.5, 0.5], [0.5, 3]]
        double[] mu = RayleighRitz.generalizedEigenvalues(a, g);
        double tr = 3.5;
        double det = 1.5 - 0.25;
        double disc = Math.sqrt(tr * tr / 4 - det);
        assertArrayEquals(new double[] {tr / 2 + disc, tr / 2 - disc}, mu, 1e-14);
    }

    /** The m flat noise vectors of seeded directions. */
    private static double[][] noise(PerturbationEngine e, ParameterStore s, List<Direction> dirs) {
        double[][] out = new double[dirs.size()][(int) s.size()];
        for (int k = 0; k < dirs.size(); k++) {
            for (Parameter p : s.parameters()) {
                float[] z = new float[p.size()];
                e.noise(p, ((Direction.Seeded) dirs.get(k)).seed(), 0, z, 0, p.size());
                for (int i = 0; i < z.length; i++) {
                    out[k][(int) p.offset() + i] = z[i];
                }
            }
        }
        return out;
    }

    /** Eigenvalues (descending) of QᵀHQ with Q an orthonormal basis of the vectors, all in double. */
    private static double[] projectedEigenvalues(double[][] h, double[][] vectors) {
        List<double[]> basis = new ArrayList<>();
        for (double[] v : vectors) {
            double[] w = v.clone();
            for (int pass = 0; pass < 2; pass++) {
                for (double[] b : basis) {
                    double c = dot(b, w);
                    for (int i = 0; i < w.length; i++) {
                        w[i] -= c * b[i];
                    }
                }
            }
            double n = Math.sqrt(dot(w, w));
            for (int i = 0; i < w.length; i++) {
                w[i] /= n;
            }
            basis.add(w);
        }
        int m = basis.size();
        double[][] a = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int x = 0; x < D; x++) {
                    for (int y = 0; y < D; y++) {
                        s += basis.get(i)[x] * h[x][y] * basis.get(j)[y];
                    }
                }
                a[i][j] = s;
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < i; j++) {
                a[i][j] = a[j][i];
            }
        }
        double[] mu = SymmetricEigen.of(a).values();
        java.util.Arrays.sort(mu);
        double[] desc = new double[m];
        for (int i = 0; i < m; i++) {
            desc[i] = mu[m - 1 - i];
        }
        return desc;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
