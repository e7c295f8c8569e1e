package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.Peft;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a {@link ModelSpec} trains: the graph to run (with LoRA adapters when asked), the block of every
 * initializer, and the trainable tensors. Three filters must all hold:
 * <ul>
 *   <li>the method: every FLOAT weight, {@link BitFit} biases (and LayerNorm γ/β), or the {@link LoraAdapters}
 *       (Hu et al. 2022) only;</li>
 *   <li>top-K ({@link TopLayers}): the weight's block is one of the K highest {@code layer.N} or {@code rest}
 *       (for LoRA: only MatMuls whose weight is in those blocks take adapters);</li>
 *   <li>{@code --trainable}: the regex is found in {@code <block>/<name>} ({@link TrainableSelection}).</li>
 * </ul>
 * With ties kept ({@link KeptTies}), a tensor tied to another is then trained exactly when the primary of its tie is
 * (a top-K choice leaves a tied LM head frozen with the embeddings), and LoRA adapts no tied weight.
 *
 * @param file     the graph the session runs before weights become inputs (the original, or the LoRA rewrite)
 * @param blocks   block of every initializer of {@code file}; an adapter is in the block of its weight W
 * @param tensors  the trainable initializers, in graph order
 * @param adapters the LoRA adapters, in graph order; empty unless LoRA
 * @param variant  what the weights-as-inputs cache key must add to the trainable names (see
 *                 {@link WeightsAsInputs#cacheKey(OnnxFile, List, String)}); empty unless LoRA
 * @param frozenTies ties left frozen because their primary is: tensors the filters had chosen (see {@link KeptTies})
 */
public record TrainableSet(OnnxFile file, Map<String, String> blocks, List<TensorProto> tensors,
                           List<LoraAdapter> adapters, String variant, List<TiedWeights.Tie> frozenTies) {

    public TrainableSet {
        blocks = Map.copyOf(blocks);
        tensors = List.copyOf(tensors);
        adapters = List.copyOf(adapters);
        frozenTies = List.copyOf(frozenTies);
    }

    /** Chooses the trainable set of {@code onnx} for a spec's trainable pattern, top-K and PEFT method; ties may split. */
    public static TrainableSet choose(OnnxFile onnx, String pattern, int topLayers, Peft peft) {
        return choose(onnx, pattern, topLayers, peft, false);
    }

    /**
     * Chooses the trainable set of {@code onnx} for a spec's trainable pattern, top-K and PEFT method.
     *
     * @param keepTies whether a tie is trained whole or not at all ({@link KeptTies}); false lets the filters split it,
     *                 as runs made before this rule did
     */
    public static TrainableSet choose(OnnxFile onnx, String pattern, int topLayers, Peft peft, boolean keepTies) {
        Path modelFile = onnx.path();
        Map<String, String> blocks = blocksOf(onnx.proto().getGraph());
        Predicate<String> top = TopLayers.blocks(blocks.values(), topLayers, modelFile);
        String restriction = TopLayers.restriction(topLayers);
        Predicate<TensorProto> inTop = t -> top.test(blocks.get(t.getName()));
        GraphProto graph = onnx.proto().getGraph();
        if (peft.method() == Peft.Method.LORA) {
            Predicate<String> untied = keepTies ? KeptTies.untied(onnx) : w -> true;
            return lora(onnx, blocks, w -> top.test(blocks.get(w)) && untied.test(w),
                    restriction + (keepTies ? " (tied weights excluded)" : ""), restriction, pattern, peft);
        }
        List<TensorProto> chosen = peft.method() == Peft.Method.BITFIT
                ? TrainableSelection.select(graph.getInitializerList(), blocks, pattern,
                        inTop.and(BitFit.trainable(graph, peft.layerNorm())),
                        (peft.layerNorm() ? "BitFit bias or LayerNorm weight" : "BitFit bias") + restriction, modelFile)
                : TrainableSelection.select(graph.getInitializerList(), blocks, pattern, inTop,
                        "FLOAT weight" + restriction, modelFile);
        KeptTies kept = keepTies ? KeptTies.apply(onnx, blocks, chosen) : new KeptTies(chosen, List.of());
        return new TrainableSet(onnx, blocks, kept.tensors(), List.of(), "", kept.frozen());
    }

    private static TrainableSet lora(OnnxFile onnx, Map<String, String> originalBlocks, Predicate<String> eligible,
                                     String eligibility, String restriction, String pattern, Peft peft) {
        LoraAdapters.Result lora = LoraAdapters.apply(onnx, peft, eligible, eligibility);
        Map<String, String> blocks = new HashMap<>(blocksOf(lora.file().proto().getGraph()));
        Set<String> adapterNames = new HashSet<>();
        for (LoraAdapter a : lora.adapters()) {
            String block = originalBlocks.get(a.base());
            blocks.put(a.a(), block);
            blocks.put(a.b(), block);
            blocks.put(a.module() + ".lora_scaling", block);
            adapterNames.add(a.a());
            adapterNames.add(a.b());
        }
        List<TensorProto> tensors = TrainableSelection.select(lora.file().proto().getGraph().getInitializerList(),
                blocks, pattern, t -> adapterNames.contains(t.getName()), "LoRA adapter" + restriction, onnx.path());
        String variant = LoraAdapters.cacheVariant(peft);
        Set<String> trained = new HashSet<>();
        tensors.forEach(t -> trained.add(t.getName()));
        if (lora.adapters().stream().anyMatch(a -> !trained.contains(a.a()))) {
            variant += " seed=" + peft.seed(); // a frozen A is a constant of the rewritten graph
        }
        return new TrainableSet(lora.file(), blocks, tensors, lora.adapters(), variant, List.of());
    }

    private static Map<String, String> blocksOf(GraphProto graph) {
        return BlockNames.assign(graph, graph.getInitializerList().stream().map(TensorProto::getName).toList());
    }
}
