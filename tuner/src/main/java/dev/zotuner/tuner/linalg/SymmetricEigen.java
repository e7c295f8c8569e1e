package dev.zotuner.tuner.linalg;

/**
 * Eigen-decomposition A = U diag(λ) Uᵀ of a small dense symmetric matrix by the cyclic Jacobi
 * method (Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., §8.5), accurate to a few ulps
 * of ‖A‖; O(d³) per sweep, meant for d up to a few hundred.
 *
 * @param values  eigenvalues (unordered; {@code values[k]} belongs to column k of {@code vectors})
 * @param vectors orthonormal eigenvectors as columns, {@code vectors[i][k]} = U_ik
 */
public record SymmetricEigen(double[] values, double[][] vectors) {

    private static final int MAX_SWEEPS = 100;

    public SymmetricEigen {
        values = values.clone();
        vectors = copy(vectors);
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public double[][] vectors() {
        return copy(vectors);
    }

    /** Decomposes the symmetric matrix {@code a} (only read, never changed). */
    public static SymmetricEigen of(double[][] a) {
        int d = a.length;
        double[][] m = copy(a);
        double[][] u = new double[d][d];
        for (int i = 0; i < d; i++) {
            if (m[i].length != d) {
                throw new IllegalArgumentException("matrix is not square: row " + i + " has "
                        + m[i].length + " entries, expected " + d);
            }
            for (int j = 0; j < i; j++) {
                if (Math.abs(m[i][j] - m[j][i]) > 1e-12 * (Math.abs(m[i][j]) + Math.abs(m[j][i]))) {
                    throw new IllegalArgumentException("matrix is not symmetric at (" + i + ", " + j + ")");
                }
            }
            u[i][i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(m) > 0; sweep++) {
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    rotate(m, u, p, q);
                }
            }
        }
        double[] values = new double[d];
        for (int i = 0; i < d; i++) {
            values[i] = m[i][i];
        }
        return new SymmetricEigen(values, u);
    }

    /** Zeroes m[p][q] by a Jacobi rotation, accumulated into u. */
    private static void rotate(double[][] m, double[][] u, int p, int q) {
        double apq = m[p][q];
        if (apq == 0) {
            return;
        }
        double theta = (m[q][q] - m[p][p]) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int d = m.length;
        for (int k = 0; k < d; k++) {
            double mkp = m[k][p];
            double mkq = m[k][q];
            m[k][p] = c * mkp - s * mkq;
            m[k][q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < d; k++) {
            double mpk = m[p][k];
            double mqk = m[q][k];
            m[p][k] = c * mpk - s * mqk;
            m[q][k] = s * mpk + c * mqk;
        }
        m[p][q] = 0;
        m[q][p] = 0;
        for (int k = 0; k < d; k++) {
            double ukp = u[k][p];
            double ukq = u[k][q];
            u[k][p] = c * ukp - s * ukq;
            u[k][q] = s * ukp + c * ukq;
        }
    }

    /** Off-diagonal mass that is not negligible next to the diagonal (0 once converged). */
    private static double offDiagonal(double[][] m) {
        double off = 0;
        for (int i = 0; i < m.length; i++) {
            for (int j = i + 1; j < m.length; j++) {
                double scale = 1e-17 * (Math.abs(m[i][i]) + Math.abs(m[j][j]));
                if (Math.abs(m[i][j]) > scale && m[i][j] != 0) {
                    off += m[i][j] * m[i][j];
                } else {
                    m[i][j] = 0;
                    m[j][i] = 0;
                }
            }
        }
        return off;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
