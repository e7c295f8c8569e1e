package dev.zotuner.tuner.curvature;

import dev.zotuner.models.Parameter;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import java.util.ArrayList;
import java.util.List;

/**
 * An orthonormal basis of the span of a few directions, by classical Gram–Schmidt applied twice
 * ("twice is enough": Giraud, Langou &amp; Rozložník, Comput. Math. Appl. 50, 2005), with every dot
 * product and update in double and the result stored as float.
 *
 * <p>Memory: m·n floats for m vectors over n selected coordinates (plus one n-double work vector
 * while building), e.g. 3.2 GB for m = 8 directions of a 10⁸-parameter model. Because storage
 * rounds to float, the basis is orthonormal only to ~10⁻⁷; {@link #gram()} holds the exact Gram
 * matrix of the stored vectors so that Rayleigh–Ritz can use it.
 */
public final class OrthonormalBasis {

    /** A direction whose component outside the earlier ones is below this fraction of its norm is dropped. */
    public static final double DEPENDENCE_TOLERANCE = 1e-6;

    private final float[][] vectors;
    private final double[][] gram;
    private final int dropped;

    private OrthonormalBasis(float[][] vectors, int dropped) {
        this.vectors = vectors;
        this.dropped = dropped;
        int m = vectors.length;
        this.gram = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                gram[i][j] = dot(vectors[i], vectors[j]);
                gram[j][i] = gram[i][j];
            }
        }
    }

    /** Orthonormalises {@code directions} (in order) over {@code coordinates}; dependent ones are dropped. */
    public static OrthonormalBasis of(List<Direction> directions, Coordinates coordinates, PerturbationEngine engine) {
        List<float[]> kept = new ArrayList<>();
        double[] w = new double[coordinates.size()];
        int dropped = 0;
        for (int k = 0; k < directions.size(); k++) {
            load(directions.get(k), coordinates, engine, w);
            double before = norm(w);
            if (!Double.isFinite(before)) {
                throw new IllegalArgumentException("direction " + k + " has a non-finite value");
            }
            for (int pass = 0; pass < 2; pass++) {
                for (float[] b : kept) {
                    double c = dot(b, w);
                    for (int i = 0; i < w.length; i++) {
                        w[i] -= c * b[i];
                    }
                }
            }
            double after = norm(w);
            if (!(after > DEPENDENCE_TOLERANCE * before)) {
                dropped++;
                continue;
            }
            float[] b = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                b[i] = (float) (w[i] / after);
            }
            kept.add(b);
        }
        return new OrthonormalBasis(kept.toArray(new float[0][]), dropped);
    }

    /** Number m of basis vectors kept. */
    public int dimension() {
        return vectors.length;
    }

    /** Directions dropped as (numerically) dependent on earlier ones, or zero. */
    public int dropped() {
        return dropped;
    }

    /** Gram matrix bᵢᵀbⱼ of the stored float vectors, in double (≈ I). */
    public double[][] gram() {
        double[][] g = new double[gram.length][];
        for (int i = 0; i < g.length; i++) {
            g[i] = gram[i].clone();
        }
        return g;
    }

    /** The stored vectors (compact layout); shared, not copied: do not modify. */
    float[][] vectors() {
        return vectors;
    }

    private static void load(Direction d, Coordinates coordinates, PerturbationEngine engine, double[] w) {
        float[] chunk = new float[PerturbationEngine.CHUNK];
        if (d instanceof Direction.Vector v && v.flat().capacity() != coordinates.storeSize()) {
            throw new IllegalArgumentException("direction vector has " + v.flat().capacity()
                    + " values, the parameter store has " + coordinates.storeSize());
        }
        for (Parameter p : coordinates.tensors()) {
            int start = coordinates.start(p);
            for (int from = 0; from < p.size(); from += chunk.length) {
                int len = Math.min(chunk.length, p.size() - from);
                if (d instanceof Direction.Seeded s) {
                    engine.noise(p, s.seed(), from, chunk, 0, len);
                } else {
                    ((Direction.Vector) d).flat().get((int) p.offset() + from, chunk, 0, len);
                }
                for (int i = 0; i < len; i++) {
                    w[start + from + i] = chunk[i];
                }
            }
        }
    }

    private static double dot(float[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] w) {
        double s = 0;
        for (double x : w) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
