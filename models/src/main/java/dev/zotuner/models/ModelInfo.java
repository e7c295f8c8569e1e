package dev.zotuner.models;

import dev.zotuner.models.onnx.PreparedModel;
import dev.zotuner.models.onnx.TensorSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code zo model inspect} reports about a loaded model.
 *
 * @param name      model name as requested
 * @param onnx      the original ONNX file
 * @param tokenizer the tokenizer file
 * @param kind      model kind
 * @param pooling   encoder pooling, null for LMs
 * @param inputs    token inputs of the graph
 * @param outputs   graph outputs
 * @param output    name of the output heads read
 * @param trainable total trainable parameters
 * @param blocks    trainable parameters per block, in store order
 * @param fed       graph inputs zo-tuner feeds itself (an empty KV cache, {@code use_cache_branch = false})
 * @param ties      tensors trained as a copy or transpose of another (not counted in {@code trainable}), then those
 *                  left frozen with the frozen tensor they are tied to
 * @param head      where an LM's logits are computed ({@link dev.zotuner.models.onnx.HeadSlice#describe()}): at the
 *                  read position only, or at every position; empty for an encoder
 */
public record ModelInfo(String name, Path onnx, Path tokenizer, ModelKind kind, Pooling pooling,
                        List<TensorSpec> inputs, List<TensorSpec> outputs, String output, long trainable,
                        List<Block> blocks, List<String> fed, List<String> ties, String head) {

    /**
     * One block's share of θ.
     *
     * @param name    block name
     * @param tensors number of tensors
     * @param size    number of values
     */
    public record Block(String name, int tensors, long size) {
    }

    public ModelInfo {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        blocks = List.copyOf(blocks);
        fed = List.copyOf(fed);
        ties = List.copyOf(ties);
    }

    /** Describes a prepared model. */
    public static ModelInfo of(PreparedModel m) {
        List<Block> blocks = m.parameters().blocks().stream()
                .map(b -> new Block(b.name(), b.members().size(), b.size())).toList();
        return new ModelInfo(m.files().name(), m.files().onnx(), m.files().tokenizer(), m.kind(),
                m.kind() == ModelKind.ENCODER ? m.files().pooling() : null, m.signature().inputs(),
                m.signature().outputs(), m.signature().output().name(), m.parameters().size(), blocks, m.past().describe(),
                m.ties().describe(), m.head().describe());
    }
}
