package dev.zotuner.tuner.train;

import dev.zotuner.eval.ClassificationScores;
import dev.zotuner.eval.CrossEntropy;
import dev.zotuner.eval.HeadWeights;
import dev.zotuner.eval.PromptedClassifier;
import dev.zotuner.eval.PrototypeHead;
import dev.zotuner.models.Hold;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import dev.zotuner.tasks.Example;
import dev.zotuner.tuner.objective.Objective;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few-shot loss MeZO optimises (Malladi et al. 2023): prompt-based cross-entropy over the label words
 * (LM-BFF, Gao et al. 2021) on the k-shot training examples, at the model's current weights. With
 * {@link Kind#ACCURACY} the loss is minus the accuracy instead — non-differentiable, which only a
 * zeroth-order method can optimise directly (MeZO §3.3).
 *
 * <p>With a trained {@link PrototypeHead} the logits come from the embeddings of the batch, and while
 * {@linkplain #recordHeadGradients recording} every loss also adds the exact gradient of the batch's cross-entropy with
 * respect to the head's weights, from the same embeddings (no extra forward pass, no backpropagation through the model):
 * {@link #headGradient} is their mean over the losses of a step, i.e. over its probes θ ± εz.
 *
 * <p>Borrows the classifier (and through it the model). Deterministic: the same θ and indices give the
 * same loss.
 */
public final class FewShotObjective implements Objective {

    /** What the loss measures. */
    public enum Kind { CROSS_ENTROPY, ACCURACY }

    private final PromptedClassifier classifier;
    private final List<Example> examples;
    private final Kind kind;
    private final PrototypeHead trained;
    private boolean recording;
    private double[][] gradientSum;
    private double[] biasSum;
    private int gradients;

    public FewShotObjective(PromptedClassifier classifier, List<Example> examples, Kind kind) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("a few-shot objective needs at least one training example");
        }
        this.classifier = classifier;
        this.examples = List.copyOf(examples);
        this.kind = kind;
        this.trained = classifier.head() instanceof PrototypeHead p ? p : null;
    }

    @Override
    public ParameterStore parameters() {
        return classifier.model().parameters();
    }

    @Override
    public int size() {
        return examples.size();
    }

    @Override
    public double loss(int[] indices) {
        List<Example> batch = new ArrayList<>(indices.length);
        for (int i : indices) {
            batch.add(examples.get(i));
        }
        int[] labels = batch.stream().mapToInt(Example::label).toArray();
        double[][] logits;
        if (trained == null) {
            logits = classifier.logits(batch);
        } else {
            double[][] features = PrototypeHead.features(classifier.representations(batch));
            logits = trained.logits(features);
            if (recording) {
                add(trained.gradient(features, labels));
            }
        }
        return kind == Kind.CROSS_ENTROPY
                ? CrossEntropy.mean(logits, labels)
                : -ClassificationScores.of(logits, labels, classifier.classes()).accuracy();
    }

    /** Starts collecting the head's exact gradients: every {@link #loss} from now on adds one. */
    public void recordHeadGradients() {
        if (trained == null) {
            throw new IllegalStateException("this objective's head is not trained");
        }
        recording = true;
        gradientSum = null;
        biasSum = null;
        gradients = 0;
    }

    /**
     * Stops collecting; the mean of the gradients collected since {@link #recordHeadGradients} (none: empty), handed out
     * once.
     */
    public Optional<HeadWeights> headGradient() {
        recording = false;
        if (gradients == 0) {
            return Optional.empty();
        }
        double[][] w = new double[gradientSum.length][];
        double[] b = new double[biasSum.length];
        for (int c = 0; c < w.length; c++) {
            w[c] = new double[gradientSum[c].length];
            for (int j = 0; j < w[c].length; j++) {
                w[c][j] = gradientSum[c][j] / gradients;
            }
            b[c] = biasSum[c] / gradients;
        }
        gradients = 0;
        return Optional.of(new HeadWeights(w, b));
    }

    private void add(HeadWeights g) {
        if (gradientSum == null) {
            gradientSum = new double[g.classes()][g.dim()];
            biasSum = new double[g.classes()];
        }
        for (int c = 0; c < g.classes(); c++) {
            for (int j = 0; j < g.dim(); j++) {
                gradientSum[c][j] += g.prototype(c, j);
            }
            biasSum[c] += g.bias(c);
        }
        gradients++;
    }

    /** The head trained beside the model, if the classifier's head is one. */
    public Optional<PrototypeHead> trainedHead() {
        return Optional.ofNullable(trained);
    }

    /** The model keeps the activations of the stages before the first one reading {@code changing}. */
    @Override
    public Hold holdFixedExcept(List<Parameter> changing) {
        return classifier.model().holdFixedExcept(changing.stream().map(Parameter::name).toList());
    }

    /** The training examples, index i being example i of {@link #loss(int[])}. */
    public List<Example> examples() {
        return examples;
    }

    /** The classifier whose logits the loss reads (and through it the model). */
    public PromptedClassifier classifier() {
        return classifier;
    }

    public Kind kind() {
        return kind;
    }
}
