package dev.zotuner.eval;

/**
 * Accuracy, macro-F1 and mean cross-entropy of class logits against gold labels.
 *
 * @param examples number of examples scored
 * @param accuracy fraction of argmax predictions equal to the gold label
 * @param macroF1  unweighted mean over classes of per-class F1 (a class never predicted nor present
 *                 contributes F1 = 0, as scikit-learn does with zero_division=0)
 * @param loss     mean softmax cross-entropy over the class logits
 */
public record ClassificationScores(int examples, double accuracy, double macroF1, double loss) {

    /** Scores {@code logits[i]} (one row per example, one column per class) against {@code labels}. */
    public static ClassificationScores of(double[][] logits, int[] labels, int classes) {
        int[] tp = new int[classes];
        int[] predicted = new int[classes];
        int[] actual = new int[classes];
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (logits[i].length != classes) {
                throw new IllegalArgumentException("row " + i + " has " + logits[i].length + " logits for " + classes + " classes");
            }
            int p = CrossEntropy.argmax(logits[i]);
            predicted[p]++;
            actual[labels[i]]++;
            if (p == labels[i]) {
                tp[p]++;
                correct++;
            }
        }
        double f1 = 0;
        for (int c = 0; c < classes; c++) {
            int denom = predicted[c] + actual[c];
            f1 += denom == 0 ? 0 : 2.0 * tp[c] / denom;
        }
        return new ClassificationScores(labels.length, (double) correct / labels.length, f1 / classes,
                CrossEntropy.mean(logits, labels));
    }
}
