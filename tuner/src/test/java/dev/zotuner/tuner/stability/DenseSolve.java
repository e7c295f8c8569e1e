package dev.zotuner.tuner.stability;

/** Test-only dense linear algebra: LU with partial pivoting and a Cholesky definiteness test. */
final class DenseSolve {

    private DenseSolve() {
    }

    /** Solves a x = b (a and b are overwritten). */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int k = 0; k < n; k++) {
            int piv = k;
            for (int r = k + 1; r < n; r++) {
                if (Math.abs(a[r][k]) > Math.abs(a[piv][k])) {
                    piv = r;
                }
            }
            double[] tmp = a[k];
            a[k] = a[piv];
            a[piv] = tmp;
            double tb = b[k];
            b[k] = b[piv];
            b[piv] = tb;
            double[] rk = a[k];
            for (int r = k + 1; r < n; r++) {
                double f = a[r][k] / rk[k];
                if (f != 0) {
                    double[] rr = a[r];
                    for (int c = k; c < n; c++) {
                        rr[c] -= f * rk[c];
                    }
                    b[r] -= f * b[k];
                }
            }
        }
        double[] x = new double[n];
        for (int k = n - 1; k >= 0; k--) {
            double s = b[k];
            for (int c = k + 1; c < n; c++) {
                s -= a[k][c] * x[c];
            }
            x[k] = s / a[k][k];
        }
        return x;
    }

    /** Whether the symmetric matrix s is positive definite (Cholesky succeeds). */
    static boolean positiveDefinite(double[][] s) {
        int n = s.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = s[i][j];
                for (int k = 0; k < j; k++) {
                    v -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(v > 0)) {
                        return false;
                    }
                    l[i][i] = Math.sqrt(v);
                } else {
                    l[i][j] = v / l[j][j];
                }
            }
        }
        return true;
    }
}
