package dev.zotuner.tuner.train;

import dev.zotuner.eval.ClassificationScores;
import dev.zotuner.eval.CrossEntropy;
import dev.zotuner.eval.PromptedClassifier;
import dev.zotuner.models.Hold;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import dev.zotuner.tasks.Example;
import dev.zotuner.tuner.objective.Objective;
import java.util.ArrayList;
import java.util.List;

/**
 * The few-shot loss MeZO optimises (Malladi et al. 2023): prompt-based cross-entropy over the label words
 * (LM-BFF, Gao et al. 2021) on the k-shot training examples, at the model's current weights. With
 * {@link Kind#ACCURACY} the loss is minus the accuracy instead — non-differentiable, which only a
 * zeroth-order method can optimise directly (MeZO §3.3).
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

    public FewShotObjective(PromptedClassifier classifier, List<Example> examples, Kind kind) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("a few-shot objective needs at least one training example");
        }
        this.classifier = classifier;
        this.examples = List.copyOf(examples);
        this.kind = kind;
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
        double[][] logits = classifier.logits(batch);
        int[] labels = batch.stream().mapToInt(Example::label).toArray();
        return kind == Kind.CROSS_ENTROPY
                ? CrossEntropy.mean(logits, labels)
                : -ClassificationScores.of(logits, labels, classifier.classes()).accuracy();
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
