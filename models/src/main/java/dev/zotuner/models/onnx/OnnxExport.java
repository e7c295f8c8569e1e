package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
     * Tensors stream from θ and from the source's files to the target one at a time ({@link ModelWriter.Payload}):
     * beyond θ, an export holds at most one tensor (a LoRA-merged weight) in memory.
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
        Map<String, ModelWriter.Payload> payloads = new LinkedHashMap<>();
        TensorPayloads tensors = new TensorPayloads();
        int accounted = 0;
        long bytes = 0;
        boolean sourceExternal = false;
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            TensorProto t = graph.getInitializer(i);
            LoraAdapter adapter = byBase.remove(t.getName());
            ModelWriter.Payload payload;
            if (adapter != null) {
                float[] w = store.contains(t.getName()) ? trained(store, t.getName(), TensorData.elementCount(t), original)
                        : original(t, original);
                float[] merged = merge(adapter, t, w, store, original);
                accounted += (store.contains(adapter.a()) ? 1 : 0) + (store.contains(adapter.b()) ? 1 : 0);
                accounted += store.contains(t.getName()) ? 1 : 0;
                payload = tensors.of(merged);
            } else if (store.contains(t.getName())) {
                Parameter p = store.get(t.getName());
                requireCount(p, TensorData.elementCount(t), original);
                accounted++;
                payload = tensors.of(p.values());
            } else if (partners.containsKey(t.getName())) {
                TiedWeights.Tie tie = partners.remove(t.getName());
                Parameter primary = store.get(tie.primary());
                requireCount(primary, TensorData.elementCount(t), original);
                payload = tie.transposed() ? tensors.transposed(primary.values(), primary.shape())
                        : tensors.of(primary.values());
            } else if (TensorData.isExternal(t)) {
                sourceExternal |= !original.holdsInPlace(t);
                ExternalData data = ExternalData.of(t, original.directory());
                long size = TensorData.byteCount(t);
                data.requireLength(size);
                payload = out -> data.copyTo(size, out);
            } else {
                bytes += t.getRawData().size();
                continue;
            }
            bytes += TensorData.byteCount(t);
            payloads.put(t.getName(), payload);
            graph.setInitializer(i, t.toBuilder().clearFloatData().clearRawData().clearExternalData()
                    .setDataLocation(TensorProto.DataLocation.DEFAULT).build());
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
        boolean external = sourceExternal || ModelWriter.needsExternal(bytes);
        ModelWriter.write(model, payloads, target, external);
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

    private static void requireCount(Parameter p, long elements, OnnxFile original) {
        if (elements != p.size()) {
            throw new ModelException("tensor " + p.name() + ": " + p.size() + " trained values for " + elements
                    + " elements in " + original.path());
        }
    }

    private static float[] trained(ParameterStore store, String name, long elements, OnnxFile original) {
        Parameter p = store.get(name);
        requireCount(p, elements, original);
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
}
