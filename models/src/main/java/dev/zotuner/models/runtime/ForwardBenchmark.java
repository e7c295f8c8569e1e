package dev.zotuner.models.runtime;

import dev.zotuner.models.ModelException;
import dev.zotuner.models.ReadPositions;
import dev.zotuner.models.onnx.PreparedModel;
import dev.zotuner.models.tokenizer.TokenBatch;
import dev.zotuner.models.tokenizer.Vocabulary;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Times the forward pass of the weights-as-inputs graph against the original graph (weights as
 * initializers) in the same process on the same seeded batch: warm-up runs, then timed runs that alternate
 * which session goes first, reported as medians. The weights-as-inputs graph is the one zo runs: a masked or causal
 * LM whose head is sliced ({@link dev.zotuner.models.onnx.HeadSlice}) computes its logits at one position per row
 * (the mask token, else position 0 of the random rows; the last token), the original at every position.
 *
 * <p>On a shared machine the load drifts between runs, so besides the ratio of the two medians the result
 * gives the median of per-pair ratios: each pair runs back to back under the same load, which cancels most
 * of the drift.
 */
public final class ForwardBenchmark {

    /**
     * Medians in milliseconds.
     *
     * @param batch           rows per batch
     * @param seq             tokens per row (all real, no padding)
     * @param runs            timed runs per session
     * @param originalMs      median time of the original graph
     * @param weightsInputsMs median time of the weights-as-inputs graph
     * @param pairedRatio     median over runs of (weights-as-inputs time / original time) of the same pair
     * @param threads         intra-op threads (available processors)
     * @param slicedHead      whether the weights-as-inputs graph computes the logits at one position per row only
     */
    public record Result(int batch, int seq, int runs, double originalMs, double weightsInputsMs, double pairedRatio,
                         int threads, boolean slicedHead) {

        /** Ratio of the medians, weights-as-inputs / original: 1.0 means no overhead. */
        public double ratio() {
            return weightsInputsMs / originalMs;
        }
    }

    private ForwardBenchmark() {
    }

    /** Runs the benchmark on {@code model}. */
    public static Result run(PreparedModel model, int batch, int seq, int warmup, int runs, long seed) {
        return run(model, batch, seq, warmup, runs, seed, pair -> { });
    }

    /**
     * Runs the benchmark on {@code model}, calling {@code beforePair} with the index of each pair of passes (warm-up
     * pairs first, {@code 0 .. warmup + runs − 1}) before it starts: for progress, and for a stop, which it requests by
     * throwing (e.g. {@link java.util.concurrent.CancellationException}); the sessions are closed when it unwinds.
     */
    public static Result run(PreparedModel model, int batch, int seq, int warmup, int runs, long seed,
                             IntConsumer beforePair) {
        if (batch < 1 || seq < 1 || runs < 1 || warmup < 0) {
            throw new IllegalArgumentException("batch, seq and runs must be positive, warmup non-negative");
        }
        if (!model.past().isEmpty()) {
            throw new ModelException(model.files().onnx() + ": takes a KV cache (" + model.past().describe().get(0)
                    + "), which the original-graph baseline of this benchmark cannot feed");
        }
        Vocabulary vocabulary = Vocabulary.read(model.files().tokenizer());
        TokenBatch tokens = randomBatch(batch, seq, vocabulary.size(), seed);
        ReadPositions reads = ReadPositions.of(model.kind(), vocabulary.maskId()).orElse(null);
        double[] original = new double[runs];
        double[] inputs = new double[runs];
        try (ForwardPass base = ForwardPass.original(model.files().onnx(), model.signature());
             ForwardPass rewritten = ForwardPass.weightsAsInputs(model, reads)) {
            for (int i = 0; i < warmup; i++) {
                beforePair.accept(i);
                base.run(tokens);
                rewritten.run(tokens);
            }
            for (int r = 0; r < runs; r++) {
                beforePair.accept(warmup + r);
                if (r % 2 == 0) {
                    original[r] = millis(base, tokens);
                    inputs[r] = millis(rewritten, tokens);
                } else {
                    inputs[r] = millis(rewritten, tokens);
                    original[r] = millis(base, tokens);
                }
            }
        }
        double[] pairs = new double[runs];
        for (int r = 0; r < runs; r++) {
            pairs[r] = inputs[r] / original[r];
        }
        return new Result(batch, seq, runs, median(original), median(inputs), median(pairs),
                Runtime.getRuntime().availableProcessors(), !model.head().isEmpty());
    }

    /** A full-length batch of token ids drawn uniformly from the vocabulary with {@code seed}. */
    static TokenBatch randomBatch(int batch, int seq, int vocabulary, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] ids = new long[batch * seq];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextInt(vocabulary);
        }
        long[] ones = new long[ids.length];
        Arrays.fill(ones, 1);
        int[] lengths = new int[batch];
        Arrays.fill(lengths, seq);
        return new TokenBatch(batch, seq, ids, ones, new long[ids.length], lengths);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static double millis(ForwardPass pass, TokenBatch tokens) {
        long start = System.nanoTime();
        pass.run(tokens);
        return (System.nanoTime() - start) / 1e6;
    }
}
