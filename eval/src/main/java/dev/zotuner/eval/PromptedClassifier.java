package dev.zotuner.eval;

import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.Representations;
import dev.zotuner.models.tokenizer.Encoding;
import dev.zotuner.models.tokenizer.TokenBatch;
import dev.zotuner.tasks.Example;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Class logits for task examples at the model's current weights: renders each example into a prompt,
 * tokenizes it once (encodings are cached by text), scores length-sorted batches with a
 * {@link ClassHead}, and returns rows in the caller's order. A classifier made {@link #stoppingWhen stopping} checks its
 * stop before every batch and, once asked, throws {@link CancellationException} instead of starting another forward
 * pass (a graceful stop on SIGTERM: nothing runs in ONNX Runtime when the command unwinds).
 *
 * <p>Borrows the model (does not close it). Not thread-safe.
 */
public final class PromptedClassifier {

    /** Default examples per forward batch. */
    public static final int DEFAULT_BATCH = 32;

    private final LanguageModel model;
    private final ClassHead head;
    private final Function<Example, String> input;
    private final int batchSize;
    private final BooleanSupplier stopped;
    private final Map<String, Encoding> encodings = new HashMap<>();

    /**
     * @param input     the model input of an example (e.g. the head's rendering, with demonstrations)
     * @param batchSize examples per forward pass
     */
    public PromptedClassifier(LanguageModel model, ClassHead head, Function<Example, String> input, int batchSize) {
        this(model, head, input, batchSize, () -> false);
    }

    /** @param stopped asked before every batch: true → {@link CancellationException} (see the class comment) */
    public PromptedClassifier(LanguageModel model, ClassHead head, Function<Example, String> input, int batchSize,
                              BooleanSupplier stopped) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
        }
        this.model = model;
        this.head = head;
        this.input = input;
        this.batchSize = batchSize;
        this.stopped = stopped;
    }

    /** This classifier (same input and batches), checking {@code stop} before every batch. */
    public PromptedClassifier stoppingWhen(BooleanSupplier stop) {
        return new PromptedClassifier(model, head, input, batchSize, stop);
    }

    /**
     * Zero-shot/fine-tuning classifier: the input is the head's rendering of the sentence, the sentence cut so that the
     * prompt fits {@code --max-length} ({@link SentenceFit}).
     */
    public static PromptedClassifier of(LanguageModel model, ClassHead head) {
        return new PromptedClassifier(model, head, SentenceFit.prompts(model, head), DEFAULT_BATCH);
    }

    /**
     * As {@link #of}, but an over-long prompt is cut at its end by the tokenizer, as runs made before
     * {@link SentenceFit} existed were (their mask token or label position may be cut off).
     */
    public static PromptedClassifier cuttingPromptEnd(LanguageModel model, ClassHead head) {
        return new PromptedClassifier(model, head, e -> head.render(e.text()), DEFAULT_BATCH);
    }

    public ClassHead head() {
        return head;
    }

    public LanguageModel model() {
        return model;
    }

    public int classes() {
        return head.classes();
    }

    /** {@code [examples][classes]} logits at the current θ. */
    public double[][] logits(List<Example> examples) {
        ClassHead.BatchScorer scorer = head.prepare(model);
        double[][] out = new double[examples.size()][];
        forEachBatch(examples, (rows, batch) -> {
            double[][] scores = scorer.score(batch);
            for (int j = 0; j < rows.length; j++) {
                out[rows[j]] = scores[j];
            }
        });
        return out;
    }

    /**
     * The model's representation of each rendered example (pooled embedding, or the full logits row at
     * the mask / next token): frozen features for a linear probe.
     */
    public float[][] representations(List<Example> examples) {
        float[][] out = new float[examples.size()][];
        forEachBatch(examples, (rows, batch) -> {
            Representations r = model.forward(batch);
            for (int j = 0; j < rows.length; j++) {
                out[rows[j]] = r.row(j);
            }
        });
        return out;
    }

    /**
     * Computes and keeps the model's frozen prefix for every example, in the length-sorted batches scoring uses
     * (a no-op unless the model keeps a frozen-prefix cache). Filling train and dev splits up front makes what is
     * cached independent of the order later passes ask for it.
     */
    public void cachePrefix(List<Example> examples) {
        forEachBatch(examples, (rows, batch) -> model.cachePrefix(batch));
    }

    /** Tokenizes (cached), sorts by length, pads, and hands each batch with its example indices to {@code use}. */
    private void forEachBatch(List<Example> examples, BiConsumer<int[], TokenBatch> use) {
        List<Encoding> enc = new ArrayList<>(examples.size());
        int[] lengths = new int[examples.size()];
        for (int i = 0; i < lengths.length; i++) {
            enc.add(encodings.computeIfAbsent(input.apply(examples.get(i)), t -> model.tokenizer().encode(t)));
            lengths[i] = enc.get(i).length();
        }
        for (int[] batch : LengthSortedBatches.of(lengths, batchSize)) {
            if (stopped.getAsBoolean()) {
                throw new CancellationException("stopped before a forward pass");
            }
            List<Encoding> rows = new ArrayList<>(batch.length);
            for (int i : batch) {
                rows.add(enc.get(i));
            }
            use.accept(batch, TokenBatch.pad(rows, model.tokenizer().padId()));
        }
    }

    /** Accuracy, macro-F1 and loss on {@code examples}. */
    public ClassificationScores score(List<Example> examples) {
        int[] labels = examples.stream().mapToInt(Example::label).toArray();
        return ClassificationScores.of(logits(examples), labels, classes());
    }

    /** Mean cross-entropy on {@code examples} (the few-shot training loss). */
    public double loss(List<Example> examples) {
        return CrossEntropy.mean(logits(examples), examples.stream().mapToInt(Example::label).toArray());
    }
}
