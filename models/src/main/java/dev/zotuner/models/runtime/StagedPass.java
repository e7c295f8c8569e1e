package dev.zotuner.models.runtime;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.onnx.GraphSignature;
import dev.zotuner.models.onnx.GraphStages;
import dev.zotuner.models.onnx.SegmentGraph;
import dev.zotuner.models.tokenizer.TokenBatch;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model run as a chain of sessions, one per segment of consecutive {@link GraphStages} (cut at the given
 * stages), fed θ through the same {@link WeightTensors} as a whole-graph pass. Running every segment in order
 * computes what the whole graph computes; running from a later segment reuses {@link Activations} computed
 * before.
 *
 * <p>Owns the sessions (not the weight tensors, which the caller closes after this). One run at a time.
 */
public final class StagedPass implements AutoCloseable {

    private final List<SegmentGraph> graphs;
    private final List<OrtSession> sessions;
    private final int[] cuts;
    private final WeightTensors weights;
    private final GraphSignature signature;
    private final HeadFeed head;
    private final long width;
    private FloatBuffer outputBuffer = FloatBuffer.allocate(0);

    private StagedPass(List<SegmentGraph> graphs, List<OrtSession> sessions, int[] cuts, WeightTensors weights,
                       GraphSignature signature, HeadFeed head) {
        this.graphs = List.copyOf(graphs);
        this.sessions = List.copyOf(sessions);
        this.cuts = cuts.clone();
        this.weights = weights;
        this.signature = signature;
        this.head = head;
        this.width = signature.output().lastDim();
    }

    /**
     * Opens one session per segment, in order: each segment's cut inputs take the types ONNX Runtime inferred for
     * the outputs of the segments before it.
     *
     * @param weights directory the graph's external data (frozen weights in place) resolves against, or null
     * @param cuts    first stage of every segment: 0 first, ascending, each below {@code stages.stageCount()}
     * @param head    a sliced head's read positions, fed to the segment that gathers them (the last), or
     *                {@link HeadFeed#NONE}
     */
    public static StagedPass open(ModelProto model, Path weights, GraphStages stages, int[] cuts, WeightTensors tensors,
                                  GraphSignature signature, HeadFeed head) {
        List<SegmentGraph> graphs = new ArrayList<>();
        List<OrtSession> sessions = new ArrayList<>();
        Map<String, TypeProto> types = new HashMap<>();
        try {
            for (int k = 0; k < cuts.length; k++) {
                int to = k + 1 < cuts.length ? cuts[k + 1] : stages.stageCount();
                if (cuts[k] >= to || (k == 0 && cuts[0] != 0)) {
                    throw new IllegalArgumentException("cuts " + java.util.Arrays.toString(cuts) + " do not split "
                            + stages.stageCount() + " stages");
                }
                SegmentGraph g = SegmentGraph.of(model, stages, cuts[k], to, types);
                OrtSession session = OrtSessions.open(g.model().toByteArray(), weights,
                        "stages " + stages.stageNames().subList(cuts[k], to), cuts.length <= 2);   // no arena per block
                sessions.add(session);
                graphs.add(g);
                for (Map.Entry<String, NodeInfo> out : session.getOutputInfo().entrySet()) {
                    types.put(out.getKey(), typeOf((TensorInfo) out.getValue().getInfo()));
                }
            }
        } catch (OrtException | RuntimeException e) {
            sessions.forEach(StagedPass::closeSession);
            throw e instanceof ModelException m ? m
                    : new ModelException("cannot split the graph at stages " + java.util.Arrays.toString(cuts)
                            + " (" + ModelException.oneLine(e) + ")", e);
        }
        return new StagedPass(graphs, sessions, cuts, tensors, signature, head);
    }

    private static TypeProto typeOf(TensorInfo info) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : info.getShape()) {
            shape.addDim(d >= 0 ? TensorShapeProto.Dimension.newBuilder().setDimValue(d)
                    : TensorShapeProto.Dimension.newBuilder());
        }
        return TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(elementType(info)).setShape(shape)).build();
    }

    /** The ONNX element type (TensorProto.DataType) of ORT's enum, whose numbering differs. */
    private static int elementType(TensorInfo info) {
        String name = info.onnxType.name().substring("ONNX_TENSOR_ELEMENT_DATA_TYPE_".length());
        return TensorProto.DataType.valueOf(name).getNumber();
    }

    /** Number of segments. */
    public int segments() {
        return cuts.length;
    }

    /** The first stage of segment {@code k} ({@code stageCount} for k = segments()). */
    public int firstStage(int k) {
        return k < cuts.length ? cuts[k] : graphs.get(graphs.size() - 1).to();
    }

    /** The last segment that starts at or before {@code stage}. */
    public int segmentAt(int stage) {
        int k = 0;
        while (k + 1 < cuts.length && cuts[k + 1] <= stage) {
            k++;
        }
        return k;
    }

    /**
     * The tensors segments {@code ≥ k} read from segments {@code < k}: what must be kept of a prefix to run the
     * rest (token inputs are not among them).
     */
    public Set<String> cutBefore(int k) {
        Set<String> produced = new LinkedHashSet<>();
        for (int j = 0; j < k; j++) {
            produced.addAll(graphs.get(j).outputs());
        }
        Set<String> cut = new LinkedHashSet<>();
        for (int j = k; j < graphs.size(); j++) {
            for (String in : graphs.get(j).cutIn()) {
                if (produced.contains(in)) {
                    cut.add(in);
                }
            }
        }
        return cut;
    }

    /** A root level holding the batch's token inputs and read positions (owned by the level). */
    public Activations tokens(TokenBatch batch) {
        Activations root = Activations.root();
        try {
            TokenTensors.of(signature.tokenInputs(), batch, head).forEach(root::own);
        } catch (OrtException e) {
            root.close();
            throw new ModelException("cannot build token tensors (" + ModelException.oneLine(e) + ")", e);
        }
        return root;
    }

    /** Runs segments {@code [from, to)} on top of {@code at}; the returned level (owned by the caller) holds their outputs. */
    public Activations advance(Activations at, int from, int to) {
        Activations level = at.child();
        try {
            for (int k = from; k < to; k++) {
                level.own(sessions.get(k).run(inputs(k, level)));
            }
        } catch (OrtException | RuntimeException e) {
            level.close();
            throw new ModelException("forward pass failed in stages " + graphs.get(Math.min(from, graphs.size() - 1)).from()
                    + "+ (" + ModelException.oneLine(e) + ")", e);
        }
        return level;
    }

    /** Runs segments {@code from ..} to the end; the view is valid until the next run. */
    public OutputView finish(Activations at, TokenBatch batch, int from) {
        int last = sessions.size() - 1;
        try (Activations level = advance(at, from, last)) {
            Map<String, OnnxTensor> inputs = inputs(last, level);
            if (width <= 0) {
                try (OrtSession.Result r = sessions.get(last).run(inputs)) {
                    FloatBuffer data = ((OnnxTensor) r.get(0)).getFloatBuffer();
                    return head.view(data, batch, data.capacity() / (batch.size() * head.seq(batch)));
                }
            }
            int n = Math.toIntExact(batch.size() * (long) head.seq(batch) * width);
            if (outputBuffer.capacity() < n) {
                outputBuffer = ByteBuffer.allocateDirect(n * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
            }
            FloatBuffer slice = outputBuffer.duplicate().clear().limit(n).slice();
            try (OnnxTensor pinned = OnnxTensor.createTensor(OrtSessions.environment(), slice,
                    new long[] {batch.size(), head.seq(batch), width})) {
                sessions.get(last).run(inputs, Map.of(signature.output().name(), pinned)).close();
            }
            return head.view(slice, batch, (int) width);
        } catch (OrtException e) {
            throw new ModelException("forward pass failed in the last stages (" + ModelException.oneLine(e) + ")", e);
        }
    }

    private Map<String, OnnxTensor> inputs(int k, Activations level) {
        Map<String, OnnxTensor> in = new HashMap<>();
        for (String name : graphs.get(k).inputs()) {
            OnnxTensor t = weights.byName().get(name);
            if (t == null) {
                t = level.get(name);
            }
            if (t == null) {
                throw new IllegalStateException("segment " + k + " needs '" + name + "', which no earlier segment produced");
            }
            in.put(name, t);
        }
        return in;
    }

    @Override
    public void close() {
        sessions.forEach(StagedPass::closeSession);
    }

    private static void closeSession(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close ONNX Runtime session", e);
        }
    }
}
