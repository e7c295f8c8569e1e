package dev.zotuner.tuner.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.tuner.stability.RandomQuadratics;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    @Test
    void recoversKnownSpectraAndOrthonormalVectors() {
        SplittableRandom rng = new SplittableRandom(8);
        for (int d : new int[] {1, 2, 5, 30}) {
            double[] lambda = RandomQuadratics.spectrum(rng, d, true);
            double[][] h = RandomQuadratics.rotated(rng, lambda);
            SymmetricEigen e = SymmetricEigen.of(h);
            double[] got = e.values();
            Arrays.sort(got);
            double[] want = lambda.clone();
            Arrays.sort(want);
            assertArrayEquals(want, got, 1e-12 * want[d - 1], "d=" + d);
            double[][] u = e.vectors();
            for (int k = 0; k < d; k++) {
                for (int l = 0; l < d; l++) {
                    double dot = 0;
                    double hu = 0; // (U^T H U)_kl
                    for (int i = 0; i < d; i++) {
                        dot += u[i][k] * u[i][l];
                        for (int j = 0; j < d; j++) {
                            hu += u[i][k] * h[i][j] * u[j][l];
                        }
                    }
                    assertEquals(k == l ? 1 : 0, dot, 1e-12);
                    assertEquals(k == l ? e.values()[k] : 0, hu, 1e-11 * want[d - 1]);
                }
            }
        }
    }

    @Test
    void rejectsNonSymmetricInput() {
        assertEquals("matrix is not symmetric at (1, 0)",
                assertThrows(IllegalArgumentException.class,
                        () -> SymmetricEigen.of(new double[][] {{1, 2}, {3, 1}})).getMessage());
    }
}
