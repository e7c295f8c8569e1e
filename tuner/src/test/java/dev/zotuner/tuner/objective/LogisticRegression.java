package dev.zotuner.tuner.objective;

import dev.zotuner.models.ParameterStore;

/**
 * Binary logistic regression: L(w) = mean_i log(1 + exp(−s_i wᵀx_i)) + (λ/2)‖w‖², s_i = ±1, with w
 * the whole store in flat order (add a constant feature for a bias). Convex, smooth, with exact
 * gradient and Hessian; {@link #misclassification()} is the same model scored by its error rate, a
 * piecewise-constant objective that only a zeroth-order method can follow.
 */
public final class LogisticRegression implements AnalyticObjective {

    private final ParameterStore store;
    private final double[][] x;
    private final int[] sign;
    private final double l2;

    /**
     * @param x      n×d features (copied)
     * @param labels n labels in {0, 1}
     * @param l2     λ ≥ 0
     */
    public LogisticRegression(ParameterStore store, double[][] x, int[] labels, double l2) {
        int d = (int) store.size();
        if (x.length == 0 || x.length != labels.length) {
            throw new IllegalArgumentException("logistic regression: " + x.length + " rows and " + labels.length + " labels");
        }
        this.x = new double[x.length][];
        this.sign = new int[labels.length];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("logistic regression: row " + i + " has " + x[i].length
                        + " features, the store has " + d + " weights");
            }
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("logistic regression: label " + labels[i] + " of row " + i + " is not 0 or 1");
            }
            this.x[i] = x[i].clone();
            this.sign[i] = 2 * labels[i] - 1;
        }
        if (!(l2 >= 0)) {
            throw new IllegalArgumentException("logistic regression: L2 coefficient " + l2 + " must be >= 0");
        }
        this.store = store;
        this.l2 = l2;
    }

    @Override
    public ParameterStore parameters() {
        return store;
    }

    @Override
    public int size() {
        return x.length;
    }

    @Override
    public double loss(int[] examples) {
        double[] w = point();
        double sum = 0;
        for (int e : examples) {
            sum += softplus(-sign[e] * dot(w, x[e]));
        }
        return sum / examples.length + 0.5 * l2 * dot(w, w);
    }

    @Override
    public double[] gradient(int[] examples) {
        double[] w = point();
        double[] g = new double[w.length];
        for (int e : examples) {
            double c = -sign[e] * sigmoid(-sign[e] * dot(w, x[e])) / examples.length;
            for (int j = 0; j < w.length; j++) {
                g[j] += c * x[e][j];
            }
        }
        for (int j = 0; j < w.length; j++) {
            g[j] += l2 * w[j];
        }
        return g;
    }

    @Override
    public double[][] hessian(int[] examples) {
        double[] w = point();
        double[][] h = new double[w.length][w.length];
        for (int e : examples) {
            double p = sigmoid(dot(w, x[e]));
            double c = p * (1 - p) / examples.length;
            for (int i = 0; i < w.length; i++) {
                for (int j = 0; j < w.length; j++) {
                    h[i][j] += c * x[e][i] * x[e][j];
                }
            }
        }
        for (int i = 0; i < w.length; i++) {
            h[i][i] += l2;
        }
        return h;
    }

    /** Fraction of the given examples classified correctly (wᵀx &gt; 0 predicts label 1). */
    public double accuracy(int[] examples) {
        double[] w = point();
        int right = 0;
        for (int e : examples) {
            right += sign[e] * dot(w, x[e]) > 0 ? 1 : 0;
        }
        return (double) right / examples.length;
    }

    /** The error rate 1 − accuracy as an objective over the same store and examples. */
    public Objective misclassification() {
        return Objective.of(store, x.length, examples -> 1 - accuracy(examples));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** log(1 + e^t) without overflow. */
    static double softplus(double t) {
        return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
    }

    static double sigmoid(double t) {
        return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
    }
}
