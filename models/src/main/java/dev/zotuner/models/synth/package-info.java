/**
 * Random-init Hugging Face-shaped ONNX exports for benchmarks and tests ({@code zo model generate}): BERT-base,
 * RoBERTa-large, OPT-1.3B and Llama-3.2-1B shapes and tiny versions of each ({@link dev.zotuner.models.synth.ModelShape}),
 * built as {@code torch.onnx.export} writes them (opset 17; parameter names, module scopes and anonymous transposed
 * MatMul weights of the Hugging Face classes; tied output projections as transposed copies; proper padding and causal
 * masks; RoPE, RMSNorm, grouped-query attention and SwiGLU for Llama) in every layout users have
 * ({@link dev.zotuner.models.synth.ExportLayout}: inline, torch's file per tensor, Optimum's {@code model.onnx_data},
 * {@code model.onnx.data}, an {@code onnx/} subfolder), with {@code config.json} and a {@code tokenizer.json} of the
 * model's vocabulary size.
 *
 * <p>{@link dev.zotuner.models.synth.ModelGenerator} is the entry point. Graph construction
 * ({@code GraphBuilder}, {@code Modules}, {@code Attention}, {@code EncoderGraph}, {@code OptGraph},
 * {@code LlamaGraph}) only declares weights ({@link dev.zotuner.models.synth.WeightSpec}); {@code ModelFileWriter}
 * streams the protobuf and the external data with values computed chunk by chunk by
 * {@link dev.zotuner.models.synth.SyntheticValues}, a pure function of (seed, tensor name, index), so multi-GB models
 * are written with a few MiB of heap. Nothing here is used by loading or training.
 */
package dev.zotuner.models.synth;
