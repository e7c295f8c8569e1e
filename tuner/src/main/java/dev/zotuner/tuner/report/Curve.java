package dev.zotuner.tuner.report;

import java.util.Arrays;
import java.util.function.DoublePredicate;

/**
 * Points of one plotted line, x ascending as recorded. Factories drop the points a chart cannot
 * draw (non-finite, or non-positive on a log axis), so NaN losses of a diverged run are skipped.
 *
 * @param x abscissae (steps)
 * @param y ordinates
 */
record Curve(double[] x, double[] y) {

    Curve {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " points, y " + y.length);
        }
        x = x.clone();
        y = y.clone();
    }

    /** The points of (x, y) where both are finite. */
    static Curve finite(double[] x, double[] y) {
        return keep(x, y, Double::isFinite);
    }

    /** The points of (x, y) where both are finite and y is positive (for a log axis). */
    static Curve positive(double[] x, double[] y) {
        return keep(x, y, v -> Double.isFinite(v) && v > 0.0);
    }

    private static Curve keep(double[] x, double[] y, DoublePredicate keepY) {
        double[] kx = new double[x.length];
        double[] ky = new double[y.length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && keepY.test(y[i])) {
                kx[n] = x[i];
                ky[n] = y[i];
                n++;
            }
        }
        return new Curve(Arrays.copyOf(kx, n), Arrays.copyOf(ky, n));
    }

    /** Number of points. */
    int size() {
        return x.length;
    }

    /** True when there is nothing to draw. */
    boolean isEmpty() {
        return x.length == 0;
    }

    /** The smallest y (NaN when empty). */
    double minY() {
        return Arrays.stream(y).min().orElse(Double.NaN);
    }

    /** The largest y (NaN when empty). */
    double maxY() {
        return Arrays.stream(y).max().orElse(Double.NaN);
    }

    /** True when every y is positive (vacuously for an empty curve). */
    boolean allPositive() {
        return Arrays.stream(y).allMatch(v -> v > 0.0);
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Curve c && Arrays.equals(x, c.x) && Arrays.equals(y, c.y);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(x) + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "Curve" + Arrays.toString(x) + "→" + Arrays.toString(y);
    }
}
