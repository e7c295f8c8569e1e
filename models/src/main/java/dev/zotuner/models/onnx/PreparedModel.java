package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.ModelKind;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import dev.zotuner.models.source.ModelCache;
import dev.zotuner.models.source.ModelFiles;
import dev.zotuner.models.source.ModelLocator;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A model ready for a session: files located, a KV cache fed empty ({@link EmptyPast}), an If on a constant
 * replaced by its taken branch ({@link TakenBranches}), graph checked, kind decided, an LM's logits computed only where
 * a head reads them ({@link HeadSlice}), trainable weights chosen ({@link TrainableSet}: full, top-K layers, BitFit or
 * LoRA adapters), tied copies
 * folded into their primaries ({@link TiedWeights}), the rest copied into a {@link ParameterStore}, and the
 * weights-as-inputs graph written to the cache.
 *
 * @param files      the located files
 * @param signature  token inputs and the output a head reads, as the model declares them (before {@link HeadSlice})
 * @param kind       model kind
 * @param parameters θ: every trainable weight, laid out block by block (embeddings, layer.0, ..., rest)
 * @param rewritten  the cached weights-as-inputs graph (with the LoRA nodes, if any)
 * @param adapters   the LoRA adapters of the graph, whose A and B (if trained) are in {@code parameters}; what
 *                   export merges ({@link OnnxExport#write(OnnxFile, ParameterStore, List, Path)}); empty unless LoRA
 * @param past       the KV-cache inputs fed empty ({@link EmptyPast#NONE} for a model without a cache)
 * @param ties       trainable tensors computed from another ({@link TiedWeights}): only their primaries are in
 *                   {@code parameters}; what export writes back as copies or transposes
 * @param head       where the session's graph computes the logits: at one position per row fed as
 *                   {@link HeadSlice#INPUT}, or at every position ({@link HeadSlice#isEmpty()})
 * @param checksum   the base model's {@link ModelChecksum} (file and external data as read), for provenance
 * @param base       the graph θ was read from (the model after the rewrites above and any LoRA adapters, its weights
 *                   in place in the model's files): {@link #restoreBase} reads θ's base values from it again, so
 *                   nothing keeps a copy of them
 */
public record PreparedModel(ModelFiles files, GraphSignature signature, ModelKind kind, ParameterStore parameters,
                            Path rewritten, List<LoraAdapter> adapters, EmptyPast past, TiedWeights ties,
                            HeadSlice head, String checksum, OnnxFile base) {

    public PreparedModel {
        adapters = List.copyOf(adapters);
        past = past == null ? EmptyPast.NONE : past;
        ties = ties == null ? TiedWeights.NONE : ties;
        checksum = checksum == null ? "" : checksum;
    }

    /** Locates, reads, checks and rewrites the model {@code spec} names. */
    public static PreparedModel prepare(ModelSpec spec, ModelCache cache) {
        ModelFiles files = ModelLocator.locate(spec, cache);
        OnnxFile original = OnnxFile.read(files.onnx());
        BackgroundChecksum checksum = BackgroundChecksum.start(original);   // hashes the weights while θ loads
        EmptyPast past = EmptyPast.of(original.proto().getGraph(), files.config().attention(), files.onnx());
        TakenBranches branches = TakenBranches.of(past.apply(original));
        OnnxFile onnx = branches.file();
        GraphProto graph = onnx.proto().getGraph();
        GraphSignature signature = GraphSignature.of(graph, files.onnx());
        ModelKind kind = signature.kind(spec.kind(), files.config(), files.onnx());
        HeadSlice head = spec.sliceHead() ? HeadSlice.of(onnx, kind, signature.output()) : HeadSlice.none(onnx, kind);
        TrainableSet set = TrainableSet.choose(head.file(), spec.trainable(), spec.topLayers(), spec.peft(),
                spec.keepsTies());
        TiedWeights ties = TiedWeights.NONE;
        if (spec.tieWeights()) {
            try (FileTensors tensors = new FileTensors(set.file().directory())) {
                ties = TiedWeights.find(storeOrder(set.tensors(), set.blocks()).stream().map(tensors::values).toList())
                        .withFrozen(set.frozenTies());
            }
        }
        List<TensorProto> trained = ties.primaries(set.tensors());
        ParameterStore store = loadWeights(set.file(), trained, set.blocks(), spec.execution().chunkBytes());
        OnnxFile graphFile = ties.apply(set.file());
        String variant = String.join(" ", Stream.of(set.variant(), past.cacheVariant(), branches.cacheVariant(),
                ties.cacheVariant(), head.cacheVariant()).filter(v -> !v.isEmpty()).toList());
        Path rewritten = cache.rewrittenModel(WeightsAsInputs.cacheKey(graphFile, trained, variant));
        if (!Files.isRegularFile(rewritten)) {
            ModelCache.writeAtomically(rewritten, WeightsAsInputs.rewrite(graphFile, trained).toByteArray());
        }
        return new PreparedModel(files, signature, kind, store, rewritten, set.adapters(), past, ties, head,
                checksum.join(), set.file());
    }

    /**
     * Puts the base model's weights back into {@code store} (θ of this model, or a store of the same layout), read
     * from the model's files exactly as they were loaded: what resuming and replaying start from.
     */
    public void restoreBase(ParameterStore store) {
        Map<String, TensorProto> byName = new java.util.HashMap<>();
        ByteBuffer staging = ByteBuffer.allocateDirect(TensorData.STAGING_BYTES);
        base.proto().getGraph().getInitializerList().forEach(t -> byName.put(t.getName(), t));
        for (Parameter p : store.parameters()) {
            TensorProto t = byName.get(p.name());
            if (t == null) {
                throw new IllegalArgumentException("tensor " + p.name() + " is not a weight of " + files.onnx());
            }
            TensorData.readFloats(t, base.directory(), p.values(), staging);
        }
    }

    /** The directory the rewritten graph's external data (the frozen weights, in place) resolves against. */
    public Path weightsDirectory() {
        return files.onnx().toAbsolutePath().normalize().getParent();
    }

    /** The rewritten (weights-as-inputs) graph, read from the cache: small, its frozen weights referenced in place. */
    public ModelProto rewrittenGraph() {
        return OnnxFile.readWhole(rewritten).proto();
    }

    /** Copies the trainable tensors into a new store, ordered by block (stable within a block), read piecewise. */
    static ParameterStore loadWeights(OnnxFile onnx, List<TensorProto> trainable, Map<String, String> blocks,
                                      long chunkBytes) {
        ParameterStore store = layout(trainable, blocks, chunkBytes);
        ByteBuffer staging = ByteBuffer.allocateDirect(TensorData.STAGING_BYTES);
        for (TensorProto t : trainable) {
            TensorData.readFloats(t, onnx.directory(), store.get(t.getName()).values(), staging);
        }
        return store;
    }

    /** {@code tensors} in the order a store lays them out: by block, stable within a block. */
    private static List<TensorProto> storeOrder(List<TensorProto> tensors, Map<String, String> blocks) {
        List<TensorProto> ordered = new ArrayList<>(tensors);
        ordered.sort(Comparator.comparing((TensorProto t) -> blocks.get(t.getName()), BlockNames.order()));
        return ordered;
    }

    /** A store for {@code tensors} (values zero), ordered by block (stable within a block). */
    private static ParameterStore layout(List<TensorProto> tensors, Map<String, String> blocks, long chunkBytes) {
        ParameterStore.Builder builder = ParameterStore.builder().chunkBytes(chunkBytes);
        for (TensorProto t : storeOrder(tensors, blocks)) {
            long[] shape = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
            builder.add(t.getName(), shape, blocks.get(t.getName()), shape.length > 1, null);
        }
        return builder.build();
    }
}
