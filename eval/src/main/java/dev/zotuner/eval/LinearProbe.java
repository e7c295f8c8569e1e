package dev.zotuner.eval;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;

/**
 * Linear probing: L2-regularised logistic regression on frozen features (the baseline of MeZO,
 * Malladi et al. 2023, Table 18 "LP"), trained with LIBLINEAR's trust-region Newton solver
 * (Fan et al. 2008), one-vs-rest for more than two classes, as scikit-learn's {@code liblinear}.
 *
 * <p>The regularisation constant C is chosen on a held-out split from {@link #C_GRID}; training is
 * deterministic (no random state).
 */
public final class LinearProbe {

    /** Candidate inverse regularisation strengths, as in a typical scikit-learn grid. */
    public static final double[] C_GRID = {0.001, 0.01, 0.1, 1, 10, 100};

    private final Model model;
    private final double c;

    private LinearProbe(Model model, double c) {
        this.model = model;
        this.c = c;
    }

    /** Trains with a fixed C. */
    public static LinearProbe train(float[][] features, int[] labels, double c) {
        Problem problem = new Problem();
        problem.l = features.length;
        problem.n = features[0].length + 1;
        problem.bias = 1.0;
        problem.x = new Feature[features.length][];
        for (int i = 0; i < features.length; i++) {
            problem.x[i] = row(features[i]);
        }
        problem.y = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            problem.y[i] = labels[i];
        }
        Linear.disableDebugOutput();
        return new LinearProbe(Linear.train(problem, new Parameter(SolverType.L2R_LR, c, 1e-4)), c);
    }

    /** Trains with each C in {@link #C_GRID} and keeps the one with the best accuracy on the dev split. */
    public static LinearProbe trainSelectingC(float[][] trainX, int[] trainY, float[][] devX, int[] devY, int classes) {
        LinearProbe best = null;
        double bestAcc = -1;
        for (double c : C_GRID) {
            LinearProbe p = train(trainX, trainY, c);
            double acc = ClassificationScores.of(p.logits(devX, classes), devY, classes).accuracy();
            if (acc > bestAcc) {
                best = p;
                bestAcc = acc;
            }
        }
        return best;
    }

    /** The chosen regularisation constant. */
    public double c() {
        return c;
    }

    /** Class log-probabilities per example (columns in class order 0..classes−1). */
    public double[][] logits(float[][] features, int classes) {
        int[] labelOf = model.getLabels();
        double[][] out = new double[features.length][classes];
        double[] prob = new double[labelOf.length];
        for (int i = 0; i < features.length; i++) {
            Linear.predictProbability(model, row(features[i]), prob);
            java.util.Arrays.fill(out[i], Double.NEGATIVE_INFINITY);
            for (int j = 0; j < labelOf.length; j++) {
                out[i][labelOf[j]] = Math.log(Math.max(prob[j], Double.MIN_NORMAL));
            }
        }
        return out;
    }

    private static Feature[] row(float[] x) {
        Feature[] f = new Feature[x.length + 1];
        for (int j = 0; j < x.length; j++) {
            f[j] = new FeatureNode(j + 1, x[j]);
        }
        f[x.length] = new FeatureNode(x.length + 1, 1.0);
        return f;
    }
}
