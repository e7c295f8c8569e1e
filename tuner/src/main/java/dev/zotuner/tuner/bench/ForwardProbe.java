package dev.zotuner.tuner.bench;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.runtime.OrtSessions;
import dev.zotuner.models.tokenizer.TokenBatch;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongUnaryOperator;

/**
 * The two in-process measurements of {@code zo bench scale} that are not CLI commands, on one seeded batch of random
 * token ids ({@code batch × seq}, attention mask all ones): plain ONNX Runtime on a graph file ({@link #ort}: session
 * creation, then forward passes, as a user's own program would run it) and zo's {@link LanguageModel} ({@link #zo}:
 * load time, then forward passes). A forward time is the median of {@code runs} passes after one untimed pass. Both
 * ask their {@code stop} before every pass and, once it is true, throw {@link CancellationException} instead (the
 * session closes with no pass under way).
 *
 * @param batch rows
 * @param seq   tokens per row
 * @param runs  timed passes
 * @param seed  seed of the token ids
 */
public record ForwardProbe(int batch, int seq, int runs, long seed) {

    public ForwardProbe {
        if (batch < 1 || seq < 1 || runs < 1) {
            throw new IllegalArgumentException("batch, seq and runs must be ≥ 1, got " + batch + ", " + seq + ", " + runs);
        }
    }

    /**
     * An ORT session on {@code onnx} with {@code threads} intra-op threads and ORT's default options otherwise:
     * {@code session_s}, {@code first_forward_ms}, {@code forward_ms}.
     */
    public Map<String, Double> ort(Path onnx, int threads, BooleanSupplier stop) throws OrtException {
        OrtEnvironment env = OrtSessions.environment();
        Map<String, Double> out = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            try (OrtSession session = env.createSession(onnx.toString(), options)) {
                out.put("session_s", (System.nanoTime() - t0) / 1e9);
                long vocab = vocabulary(session, onnx);
                long[] ids = ids(vocab);
                Map<String, OnnxTensor> inputs = new HashMap<>();
                try {
                    for (String name : session.getInputNames()) {
                        LongUnaryOperator value = switch (name) {
                            case "input_ids" -> i -> ids[(int) i];
                            case "attention_mask" -> i -> 1;
                            case "token_type_ids" -> i -> 0;
                            case "position_ids" -> i -> i % seq;
                            default -> throw new IllegalArgumentException(onnx + ": input " + name + " is not a token input");
                        };
                        long[] v = new long[batch * seq];
                        Arrays.setAll(v, i -> value.applyAsLong(i));
                        inputs.put(name, OnnxTensor.createTensor(env, LongBuffer.wrap(v), new long[] {batch, seq}));
                    }
                    timed(out, stop, () -> {
                        try (OrtSession.Result r = session.run(inputs)) {
                            r.get(0);
                        }
                    });
                } finally {
                    inputs.values().forEach(OnnxTensor::close);
                }
            }
        }
        return out;
    }

    /** zo's load of {@code spec} and its forward of the batch: {@code load_s}, {@code parameters}, forward times. */
    public Map<String, Double> zo(ModelSpec spec, BooleanSupplier stop) throws OrtException {
        Map<String, Double> out = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        try (LanguageModel lm = LanguageModel.load(spec)) {
            out.put("load_s", (System.nanoTime() - t0) / 1e9);
            out.put("parameters", (double) lm.parameters().size());
            long[] ids = ids(lm.tokenizer().vocabularySize());
            long[] ones = new long[ids.length];
            Arrays.fill(ones, 1);
            int[] lengths = new int[batch];
            Arrays.fill(lengths, seq);
            TokenBatch tokens = new TokenBatch(batch, seq, ids, ones, new long[ids.length], lengths);
            timed(out, stop, () -> lm.forwardOutput(tokens));
        }
        return out;
    }

    private long[] ids(long vocab) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] ids = new long[batch * seq];
        Arrays.setAll(ids, i -> random.nextLong(vocab));
        return ids;
    }

    /** One untimed pass ({@code first_forward_ms}), then the median of {@code runs} ({@code forward_ms}). */
    private void timed(Map<String, Double> out, BooleanSupplier stop, Pass pass) throws OrtException {
        checkStop(stop);
        long t0 = System.nanoTime();
        pass.run();
        out.put("first_forward_ms", (System.nanoTime() - t0) / 1e6);
        long[] ns = new long[runs];
        for (int i = 0; i < runs; i++) {
            checkStop(stop);
            long t = System.nanoTime();
            pass.run();
            ns[i] = System.nanoTime() - t;
        }
        out.put("forward_ms", StepBenchmark.medianMs(ns));
    }

    private static void checkStop(BooleanSupplier stop) {
        if (stop.getAsBoolean()) {
            throw new CancellationException("stopped before a forward pass");
        }
    }

    private static long vocabulary(OrtSession session, Path onnx) throws OrtException {
        for (NodeInfo info : session.getOutputInfo().values()) {
            if (info.getInfo() instanceof TensorInfo t && t.getShape().length == 3 && t.getShape()[2] > 0) {
                return t.getShape()[2];
            }
        }
        throw new IllegalArgumentException(onnx + ": no output of shape [batch, seq, vocab] with a fixed vocab");
    }

    /** One forward pass. */
    private interface Pass {
        void run() throws OrtException;
    }
}
