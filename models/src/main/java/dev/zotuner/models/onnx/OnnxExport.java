package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a fine-tuned model as an ordinary ONNX file: the original graph with every trainable initializer's
 * data replaced by θ (little-endian), so plain ONNX Runtime (or any ONNX tool) runs it without zo-tuner. The inverse
 * of {@link WeightsAsInputs}. A model whose source kept its weights as external data, or whose weights exceed
 * {@link ModelWriter#INLINE_LIMIT_BYTES}, is written as {@code <name>.onnx} + {@code <name>.onnx.data}
 * ({@link ModelWriter}); any other is one self-contained file.
 *
 * <p>Tied tensors ({@link TiedWeights}) are written from their trained primary, so they stay tied in the file.
 * LoRA adapters (Hu et al. 2022) are merged: each adapted weight W becomes W + (α/r)·A·B and no LoRA node is
 * written, so the file computes what the adapted model computed, at the original model's cost.
 */
public final class OnnxExport {

    private OnnxExport() {
    }

    /**
     * Writes {@code original} with θ from {@code store} to {@code target} (atomically: temp file + move; with
     * {@link ModelWriter#dataFile} beside it when the weights are written as external data).
     * Every trainable tensor must be an initializer of the original graph with the same element count.
     */
    public static void write(OnnxFile original, ParameterStore store, Path target) {
        write(original, store, List.of(), target);
    }

    /**
     * Writes {@code original} with θ from {@code store} and the {@code adapters} merged into their weights, to
     * {@code target} (atomically). Every trained tensor must be an initializer of the original graph with the same
     * element count, or an adapter's A or B (accounted for by its base weight, which must be in the original
     * graph with shape [in, out]). An A or B that was not trained takes its initial value (A from the seed, B = 0).
     */
    public static void write(OnnxFile original, ParameterStore store, List<LoraAdapter> adapters, Path target) {
        write(original, store, adapters, TiedWeights.NONE, target);
    }

    /**
     * As {@link #write(OnnxFile, ParameterStore, List, Path)}, with each tied partner (not in {@code store}) written
     * as the copy or transpose of its trained primary, so the exported tensors are tied exactly as they were trained.
     *
     * @return whether the weights were written as external data ({@link ModelWriter#dataFile} of {@code target})
     */
    public static boolean write(OnnxFile original, ParameterStore store, List<LoraAdapter> adapters, TiedWeights ties,
                                Path target) {
        Map<String, TiedWeights.Tie> partners = new HashMap<>();
        ties.ties().forEach(t -> partners.put(t.partner(), t));
        Map<String, LoraAdapter> byBase = new HashMap<>();
        for (LoraAdapter a : adapters) {
            byBase.put(a.base(), a);
        }
        GraphProto.Builder graph = original.proto().getGraph().toBuilder();
        int accounted = 0;
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            TensorProto t = graph.getInitializer(i);
            LoraAdapter adapter = byBase.remove(t.getName());
            if (store.contains(t.getName()) || adapter != null) {
                float[] w = store.contains(t.getName()) ? trained(store, t.getName(), TensorData.elementCount(t), original)
                        : original(t, original);
                if (adapter != null) {
                    w = merge(adapter, t, w, store, original);
                    accounted += (store.contains(adapter.a()) ? 1 : 0) + (store.contains(adapter.b()) ? 1 : 0);
                }
                accounted += store.contains(t.getName()) ? 1 : 0;
                graph.setInitializer(i, withValues(t, w));
            } else if (partners.containsKey(t.getName())) {
                TiedWeights.Tie tie = partners.remove(t.getName());
                float[] w = TiedWeights.partnerValues(tie, trained(store, tie.primary(), TensorData.elementCount(t), original),
                        store.get(tie.primary()).shape());
                graph.setInitializer(i, withValues(t, w));
            } else {
                graph.setInitializer(i, TensorData.inlined(t, original.directory()));
            }
        }
        if (!partners.isEmpty()) {
            throw new ModelException(original.path() + ": has no tensor " + partners.keySet().iterator().next()
                    + " (tied in training); export needs the model the run was trained from");
        }
        if (!byBase.isEmpty()) {
            LoraAdapter a = byBase.values().iterator().next();
            throw new ModelException("LoRA adapter " + a.module() + ": base weight " + a.base() + " is not in "
                    + original.path() + "; export needs the model the run was trained from");
        }
        if (accounted != store.parameters().size()) {
            throw new ModelException(original.path() + ": has " + accounted + " of the " + store.parameters().size()
                    + " trained tensors; export needs the model the run was trained from");
        }
        ModelProto model = original.proto().toBuilder().setGraph(graph).build();
        long rawBytes = graph.getInitializerList().stream().mapToLong(t -> t.getRawData().size()).sum();
        boolean external = original.proto().getGraph().getInitializerList().stream().anyMatch(TensorData::isExternal)
                || ModelWriter.needsExternal(rawBytes);
        ModelWriter.write(model, target, external);
        return external;
    }

    private static float[] merge(LoraAdapter a, TensorProto w, float[] values, ParameterStore store, OnnxFile original) {
        if (w.getDimsCount() != 2 || w.getDims(0) != a.in() || w.getDims(1) != a.out()) {
            throw new ModelException("LoRA adapter " + a.module() + ": base weight " + a.base() + " in " + original.path()
                    + " has shape " + w.getDimsList() + ", the adapter needs [" + a.in() + ", " + a.out() + "]");
        }
        if (!store.contains(a.b())) {
            return values; // B was frozen at zero: nothing to add
        }
        float[] av = store.contains(a.a()) ? trained(store, a.a(), (long) a.in() * a.rank(), original) : a.initialA();
        return a.merge(values, av, trained(store, a.b(), (long) a.rank() * a.out(), original));
    }

    private static float[] trained(ParameterStore store, String name, long elements, OnnxFile original) {
        Parameter p = store.get(name);
        if (elements != p.size()) {
            throw new ModelException("tensor " + name + ": " + p.size() + " trained values for " + elements
                    + " elements in " + original.path());
        }
        float[] values = new float[p.size()];
        p.values().get(0, values);
        return values;
    }

    private static float[] original(TensorProto t, OnnxFile file) {
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new ModelException("tensor " + t.getName() + " in " + file.path() + ": a LoRA base weight must be FLOAT, is "
                    + TensorData.typeName(t.getDataType()));
        }
        float[] values = new float[Math.toIntExact(TensorData.elementCount(t))];
        TensorData.readFloats(t, file.directory(), FloatBuffer.wrap(values));
        return values;
    }

    /** {@code t} holding {@code values} inline (little-endian raw data), whatever it held before. */
    private static TensorProto withValues(TensorProto t, float[] values) {
        return t.toBuilder().clearFloatData().clearExternalData().setDataLocation(TensorProto.DataLocation.DEFAULT)
                .setRawData(littleEndian(values)).build();
    }

    private static ByteString littleEndian(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return ByteString.copyFrom(bytes.array());
    }
}
