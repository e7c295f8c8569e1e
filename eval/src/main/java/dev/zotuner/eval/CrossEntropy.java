package dev.zotuner.eval;

/**
 * Softmax cross-entropy over class logits, computed in double with the log-sum-exp shift.
 *
 * <p>This is the few-shot loss that zo-tuner optimises (LM-BFF, Gao et al. 2021: the softmax is over
 * the label words only, not the whole vocabulary).
 */
public final class CrossEntropy {

    private CrossEntropy() {
    }

    /** −log softmax(logits)[label] for one example. */
    public static double of(double[] logits, int label) {
        if (label < 0 || label >= logits.length) {
            throw new IllegalArgumentException("label " + label + " outside 0.." + (logits.length - 1));
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : logits) {
            sum += Math.exp(v - max);
        }
        return Math.log(sum) + max - logits[label];
    }

    /** Mean cross-entropy over a batch, accumulated in double. */
    public static double mean(double[][] logits, int[] labels) {
        if (logits.length != labels.length || logits.length == 0) {
            throw new IllegalArgumentException(logits.length + " logit rows for " + labels.length + " labels");
        }
        double total = 0;
        for (int i = 0; i < logits.length; i++) {
            total += of(logits[i], labels[i]);
        }
        return total / logits.length;
    }

    /** Index of the largest logit (first on ties), i.e. the predicted class. */
    public static int argmax(double[] logits) {
        int best = 0;
        for (int c = 1; c < logits.length; c++) {
            if (logits[c] > logits[best]) {
                best = c;
            }
        }
        return best;
    }
}
