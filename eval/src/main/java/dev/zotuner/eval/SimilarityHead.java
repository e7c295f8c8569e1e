package dev.zotuner.eval;

import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.Representations;
import dev.zotuner.prompts.LabelPrompts;
import dev.zotuner.prompts.Template;

/**
 * Verbalizer-similarity head for sentence encoders: the logit of class c is
 * {@code scale · cos(e(prompted input), e(label prompt c))}, where both embeddings come from the
 * model's current weights (the label prompts are re-embedded in every scoring pass, so fine-tuning
 * moves inputs and labels together). This carries the LM-BFF prompt-and-label-word idea
 * (Gao et al. 2021) to models without an LM head, in the manner of embedding-similarity zero-shot
 * classification.
 */
public final class SimilarityHead implements ClassHead {

    /** Default inverse temperature; cosine similarities in [−1, 1] times 20 give useful softmax spreads. */
    public static final double DEFAULT_SCALE = 20.0;

    private final Template template;
    private final LabelPrompts labels;
    private final double scale;

    public SimilarityHead(Template template, LabelPrompts labels, double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("similarity scale must be > 0, got " + scale);
        }
        this.template = template;
        this.labels = labels;
        this.scale = scale;
    }

    @Override
    public int classes() {
        return labels.size();
    }

    @Override
    public String render(String sentence) {
        return template.forEncoder(sentence);
    }

    @Override
    public BatchScorer prepare(LanguageModel model) {
        double[][] labelVectors = unitRows(model.forward(labels.texts()));
        return batch -> {
            double[][] inputs = unitRows(model.forward(batch));
            double[][] out = new double[inputs.length][labelVectors.length];
            for (int i = 0; i < inputs.length; i++) {
                for (int c = 0; c < labelVectors.length; c++) {
                    out[i][c] = scale * dot(inputs[i], labelVectors[c]);
                }
            }
            return out;
        };
    }

    /** Rows of {@code r} scaled to unit length (zero rows stay zero). */
    static double[][] unitRows(Representations r) {
        double[][] out = new double[r.count()][r.dim()];
        for (int i = 0; i < r.count(); i++) {
            for (int j = 0; j < r.dim(); j++) {
                out[i][j] = r.get(i, j);
            }
            unitInPlace(out[i]);
        }
        return out;
    }

    /**
     * Scales {@code v} to unit length in place (a zero row stays zero): the one arithmetic of every unit vector the
     * encoder heads compare, so {@link PrototypeHead} at its zero-shot start scores bit for bit as this head.
     */
    static double[] unitInPlace(double[] v) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        double inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        for (int j = 0; j < v.length; j++) {
            v[j] *= inv;
        }
        return v;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }
}
