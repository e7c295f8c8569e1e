package dev.zotuner.models.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.ReadPositions;
import dev.zotuner.models.onnx.GraphSignature;
import dev.zotuner.models.onnx.PreparedModel;
import dev.zotuner.models.tokenizer.TokenBatch;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One ONNX Runtime session and what it is fed: token tensors built per batch, plus (for a weights-as-inputs
 * graph) the {@link WeightTensors} wrapped once and a sliced head's read positions ({@link HeadFeed}). When the
 * output's width is static the output is written by ORT straight into a reused direct buffer (a pinned output), so
 * reading it copies nothing.
 *
 * <p>Owns the session and the weight tensors; {@link #close()} closes the tensors first. One run at a time.
 */
public final class ForwardPass implements Forward {

    private final OrtSession session;
    private final WeightTensors weights;
    private final GraphSignature signature;
    private final HeadFeed head;
    private final String output;
    private final long width;
    private FloatBuffer outputBuffer = FloatBuffer.allocate(0);

    private ForwardPass(OrtSession session, WeightTensors weights, GraphSignature signature, HeadFeed head) {
        this.session = session;
        this.weights = weights;
        this.signature = signature;
        this.head = head;
        this.output = signature.output().name();
        this.width = signature.output().lastDim();
    }

    /** A pass over the original graph (weights as initializers), e.g. as a reference or a baseline. */
    public static ForwardPass original(Path onnx, GraphSignature signature) {
        return new ForwardPass(OrtSessions.open(onnx), null, signature, HeadFeed.NONE);
    }

    /**
     * A pass over the rewritten graph that reads θ from {@code model.parameters()} on every run.
     *
     * @param reads the positions a sliced head reads ({@link HeadFeed#of}); null for a model whose head is not sliced
     */
    public static ForwardPass weightsAsInputs(PreparedModel model, ReadPositions reads) {
        HeadFeed head = HeadFeed.of(model, reads);
        OrtSession session = OrtSessions.open(model.rewrittenGraph().toByteArray(), model.weightsDirectory(),
                model.rewritten().toString());
        try {
            return new ForwardPass(session, WeightTensors.wrap(model.parameters()), model.signature(), head);
        } catch (RuntimeException e) {
            closeSession(session);
            throw e;
        }
    }

    @Override
    public OutputView run(TokenBatch batch) {
        List<OnnxTensor> owned = new ArrayList<>();
        try {
            Map<String, OnnxTensor> inputs = new HashMap<>(weights == null ? Map.of() : weights.byName());
            Map<String, OnnxTensor> tokens = TokenTensors.of(signature.tokenInputs(), batch, head);
            owned.addAll(tokens.values());
            inputs.putAll(tokens);
            return width > 0 ? runPinned(inputs, batch, owned) : runCopied(inputs, batch);
        } catch (OrtException e) {
            throw new ModelException("forward pass failed (" + ModelException.oneLine(e) + ")", e);
        } finally {
            owned.forEach(OnnxTensor::close);
        }
    }

    private OutputView runPinned(Map<String, OnnxTensor> inputs, TokenBatch batch, List<OnnxTensor> owned)
            throws OrtException {
        int n = Math.toIntExact(batch.size() * (long) head.seq(batch) * width);
        if (outputBuffer.capacity() < n) {
            outputBuffer = ByteBuffer.allocateDirect(n * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
        FloatBuffer slice = outputBuffer.duplicate().clear().limit(n).slice();
        OnnxTensor pinned = OnnxTensor.createTensor(OrtSessions.environment(), slice,
                new long[] {batch.size(), head.seq(batch), width});
        owned.add(pinned);
        session.run(inputs, Map.of(output, pinned)).close();
        return head.view(slice, batch, (int) width);
    }

    private OutputView runCopied(Map<String, OnnxTensor> inputs, TokenBatch batch) throws OrtException {
        try (OrtSession.Result result = session.run(inputs, Set.of(output))) {
            OnnxValue value = result.get(0);
            FloatBuffer data = ((OnnxTensor) value).getFloatBuffer();
            return head.view(data, batch, data.capacity() / (batch.size() * head.seq(batch)));
        }
    }

    @Override
    public void close() {
        try {
            if (weights != null) {
                weights.close();
            }
        } finally {
            closeSession(session);
        }
    }

    private static void closeSession(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close ONNX Runtime session", e);
        }
    }
}
