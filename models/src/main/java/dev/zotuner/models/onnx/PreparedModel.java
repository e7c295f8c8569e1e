package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.ModelKind;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import dev.zotuner.models.source.ModelCache;
import dev.zotuner.models.source.ModelFiles;
import dev.zotuner.models.source.ModelLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A model ready for a session: files located, a KV cache fed empty ({@link EmptyPast}), an If on a constant
 * replaced by its taken branch ({@link TakenBranches}), graph checked, kind
 * decided, trainable weights chosen ({@link TrainableSet}: full, top-K layers, BitFit or LoRA adapters), tied copies
 * folded into their primaries ({@link TiedWeights}), the rest copied into a {@link ParameterStore}, and the
 * weights-as-inputs graph written to the cache.
 *
 * @param files      the located files
 * @param signature  token inputs and the output a head reads
 * @param kind       model kind
 * @param parameters θ: every trainable weight, laid out block by block (embeddings, layer.0, ..., rest)
 * @param rewritten  the cached weights-as-inputs graph (with the LoRA nodes, if any)
 * @param adapters   the LoRA adapters of the graph, whose A and B (if trained) are in {@code parameters}; what
 *                   export merges ({@link OnnxExport#write(OnnxFile, ParameterStore, List, Path)}); empty unless LoRA
 * @param past       the KV-cache inputs fed empty ({@link EmptyPast#NONE} for a model without a cache)
 * @param ties       trainable tensors computed from another ({@link TiedWeights}): only their primaries are in
 *                   {@code parameters}; what export writes back as copies or transposes
 * @param checksum   the base model's {@link ModelChecksum} (file and external data as read), for provenance
 */
public record PreparedModel(ModelFiles files, GraphSignature signature, ModelKind kind, ParameterStore parameters,
                            Path rewritten, List<LoraAdapter> adapters, EmptyPast past, TiedWeights ties,
                            String checksum) {

    public PreparedModel {
        adapters = List.copyOf(adapters);
        past = past == null ? EmptyPast.NONE : past;
        ties = ties == null ? TiedWeights.NONE : ties;
        checksum = checksum == null ? "" : checksum;
    }

    /** A prepared model without LoRA adapters, KV cache or ties, and with no checksum recorded. */
    public PreparedModel(ModelFiles files, GraphSignature signature, ModelKind kind, ParameterStore parameters,
                         Path rewritten) {
        this(files, signature, kind, parameters, rewritten, List.of(), EmptyPast.NONE, TiedWeights.NONE, "");
    }

    /** Locates, reads, checks and rewrites the model {@code spec} names. */
    public static PreparedModel prepare(ModelSpec spec, ModelCache cache) {
        ModelFiles files = ModelLocator.locate(spec, cache);
        OnnxFile original = OnnxFile.read(files.onnx());
        EmptyPast past = EmptyPast.of(original.proto().getGraph(), files.config().attention(), files.onnx());
        TakenBranches branches = TakenBranches.of(past.apply(original));
        OnnxFile onnx = branches.file();
        GraphProto graph = onnx.proto().getGraph();
        GraphSignature signature = GraphSignature.of(graph, files.onnx());
        ModelKind kind = signature.kind(spec.kind(), files.config(), files.onnx());
        TrainableSet set = TrainableSet.choose(onnx, spec.trainable(), spec.topLayers(), spec.peft(), spec.keepsTies());
        ParameterStore store = loadWeights(set.file(), set.tensors(), set.blocks());
        TiedWeights ties = spec.tieWeights() ? TiedWeights.find(store).withFrozen(set.frozenTies()) : TiedWeights.NONE;
        List<TensorProto> trained = ties.primaries(set.tensors());
        if (!ties.isEmpty()) {
            store = withoutPartners(store, trained, set.blocks());
        }
        OnnxFile graphFile = ties.apply(set.file());
        String variant = String.join(" ", Stream.of(set.variant(), past.cacheVariant(), branches.cacheVariant(),
                ties.cacheVariant()).filter(v -> !v.isEmpty()).toList());
        Path rewritten = cache.rewrittenModel(WeightsAsInputs.cacheKey(graphFile, trained, variant));
        if (!Files.isRegularFile(rewritten)) {
            ModelCache.writeAtomically(rewritten, WeightsAsInputs.rewrite(graphFile, trained).toByteArray());
        }
        return new PreparedModel(files, signature, kind, store, rewritten, set.adapters(), past, ties,
                ModelChecksum.of(original));
    }

    /** Copies the trainable tensors into a new store, ordered by block (stable within a block). */
    static ParameterStore loadWeights(OnnxFile onnx, List<TensorProto> trainable, Map<String, String> blocks) {
        ParameterStore store = layout(trainable, blocks);
        for (TensorProto t : trainable) {
            TensorData.readFloats(t, onnx.directory(), store.get(t.getName()).values());
        }
        return store;
    }

    /** A store for {@code tensors} (values zero), ordered by block (stable within a block). */
    private static ParameterStore layout(List<TensorProto> tensors, Map<String, String> blocks) {
        List<TensorProto> ordered = new ArrayList<>(tensors);
        ordered.sort(Comparator.comparing((TensorProto t) -> blocks.get(t.getName()), BlockNames.order()));
        ParameterStore.Builder builder = ParameterStore.builder();
        for (TensorProto t : ordered) {
            long[] shape = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
            builder.add(t.getName(), shape, blocks.get(t.getName()), shape.length > 1, null);
        }
        return builder.build();
    }

    /** The primaries of {@code full} in a store of their own, values copied from it (the file is not read again). */
    private static ParameterStore withoutPartners(ParameterStore full, List<TensorProto> primaries, Map<String, String> blocks) {
        ParameterStore store = layout(primaries, blocks);
        for (Parameter p : store.parameters()) {
            p.values().put(0, full.get(p.name()).values(), 0, p.size());
        }
        return store;
    }
}
