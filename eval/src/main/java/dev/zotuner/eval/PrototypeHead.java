package dev.zotuner.eval;

import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.Representations;
import dev.zotuner.prompts.LabelPrompts;
import dev.zotuner.prompts.Template;

/**
 * A trainable head for sentence encoders: the logit of class c is {@code scale · cos(e(prompted x), w_c) + b_c}, with
 * one prototype vector w_c and one bias b_c per class held by the head ({@link HeadWeights}) instead of re-embedded
 * label prompts. Initialised {@linkplain #zeroShot from the label prompts' embeddings} at the base weights with zero
 * biases, it scores exactly as the {@link SimilarityHead} does at step 0 (the same double arithmetic, bit for bit).
 *
 * <p>Its parameters are trained with their exact gradient ({@link #gradient}): the gradient of the cross-entropy with
 * respect to w_c and b_c needs only the embeddings e(x) the forward pass already produced, so training it alongside a
 * zeroth-order encoder update stays forward-only — no backpropagation through the model. This is the "linear probe on
 * top, fine-tune below" split of LP-FT (Kumar et al. 2022, "Fine-Tuning can Distort Pretrained Features"), with the
 * probe initialised at the zero-shot prototypes as in prototype/prompt-initialised heads (Snell et al. 2017,
 * "Prototypical Networks"; Gao et al. 2021, LM-BFF, whose label words give the prompts).
 *
 * <p>Mutable: {@link #set} replaces the weights (a scorer from {@link #prepare} reads the weights of that moment).
 * Not thread-safe.
 */
public final class PrototypeHead implements ClassHead {

    private final Template template;
    private final double scale;
    private HeadWeights weights;
    private double[][] unitPrototypes;
    private double[] norms;

    /**
     * @param template the prompt template (inputs are rendered as for the similarity head)
     * @param scale    inverse temperature s (the similarity head's {@code --similarity-scale})
     * @param weights  the initial prototypes and biases
     */
    public PrototypeHead(Template template, double scale, HeadWeights weights) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("similarity scale must be > 0, got " + scale);
        }
        this.template = template;
        this.scale = scale;
        set(weights);
    }

    /**
     * The zero-shot weights: the label prompts' embeddings at the model's current θ as prototypes (unnormalised, as the
     * model gives them), zero biases.
     */
    public static HeadWeights zeroShot(LanguageModel model, LabelPrompts labels) {
        Representations r = model.forward(labels.texts());
        double[][] prototypes = new double[r.count()][r.dim()];
        for (int c = 0; c < r.count(); c++) {
            for (int j = 0; j < r.dim(); j++) {
                prototypes[c][j] = r.get(c, j);
            }
        }
        return new HeadWeights(prototypes, new double[r.count()]);
    }

    @Override
    public int classes() {
        return weights.classes();
    }

    @Override
    public String render(String sentence) {
        return template.forEncoder(sentence);
    }

    public double scale() {
        return scale;
    }

    /** The current weights. */
    public HeadWeights weights() {
        return weights;
    }

    /** Replaces the weights (same number of classes). */
    public void set(HeadWeights next) {
        if (weights != null && !weights.sameShape(next)) {
            throw new IllegalArgumentException("head weights of " + next.classes() + " × " + next.dim() + " for a head of "
                    + weights.classes() + " × " + weights.dim());
        }
        weights = next;
        unitPrototypes = new double[next.classes()][];
        norms = new double[next.classes()];
        for (int c = 0; c < next.classes(); c++) {
            double[] w = new double[next.dim()];
            for (int j = 0; j < w.length; j++) {
                w[j] = next.prototype(c, j);
            }
            norms[c] = norm(w);
            unitPrototypes[c] = unit(w);
        }
    }

    @Override
    public BatchScorer prepare(LanguageModel model) {
        return batch -> logits(features(model.forward(batch)));
    }

    /** The unit-length embeddings the logits read, one row per example of {@code r}. */
    public static double[][] features(Representations r) {
        double[][] out = new double[r.count()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = unit(r.row(i));
        }
        return out;
    }

    /** The unit-length embeddings of {@code rows} (e.g. {@link PromptedClassifier#representations}). */
    public static double[][] features(float[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = unit(rows[i]);
        }
        return out;
    }

    /** {@code [rows][classes]} logits of unit-length {@code features}. */
    public double[][] logits(double[][] features) {
        double[][] out = new double[features.length][classes()];
        for (int i = 0; i < features.length; i++) {
            for (int c = 0; c < out[i].length; c++) {
                out[i][c] = scale * SimilarityHead.dot(features[i], unitPrototypes[c]) + weights.bias(c);
            }
        }
        return out;
    }

    /**
     * The exact gradient of the mean cross-entropy of {@code labels} under {@link #logits}{@code (features)} with
     * respect to the head's weights: with p the softmax, y the one-hot label and N rows,
     * ∂L/∂b_c = Σ_i (p_ic − y_ic)/N and ∂L/∂w_c = Σ_i (p_ic − y_ic)/N · s · (x̂_i − cos_ic ŵ_c)/‖w_c‖.
     */
    public HeadWeights gradient(double[][] features, int[] labels) {
        if (features.length != labels.length || features.length == 0) {
            throw new IllegalArgumentException(features.length + " feature rows for " + labels.length + " labels");
        }
        double[][] logits = logits(features);
        double[][] gw = new double[classes()][weights.dim()];
        double[] gb = new double[classes()];
        double n = features.length;
        for (int i = 0; i < features.length; i++) {
            double[] p = softmax(logits[i]);
            for (int c = 0; c < p.length; c++) {
                double d = (p[c] - (labels[i] == c ? 1 : 0)) / n;
                gb[c] += d;
                double cos = SimilarityHead.dot(features[i], unitPrototypes[c]);
                double k = d * scale / norms[c];
                for (int j = 0; j < gw[c].length; j++) {
                    gw[c][j] += k * (features[i][j] - cos * unitPrototypes[c][j]);
                }
            }
        }
        return new HeadWeights(gw, gb);
    }

    private static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int c = 0; c < p.length; c++) {
            p[c] = Math.exp(logits[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < p.length; c++) {
            p[c] /= sum;
        }
        return p;
    }

    /** {@code v} scaled to unit length, in the arithmetic of {@link SimilarityHead#unitRows} (a zero row stays zero). */
    static double[] unit(float[] v) {
        double[] d = new double[v.length];
        for (int j = 0; j < v.length; j++) {
            d[j] = v[j];
        }
        return SimilarityHead.unitInPlace(d);
    }

    private static double[] unit(double[] v) {
        return SimilarityHead.unitInPlace(v.clone());
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
