/**
 * Models: ONNX model sources (embedded default, export directory, bare file), the graph rewrite that turns trainable initializers into graph inputs, the {@link dev.zotuner.models.ParameterStore} that holds θ in native memory, the ONNX Runtime session, the tokenizer, and the per-example representation a head reads (at {@link dev.zotuner.models.ReadPositions} for a language model, whose logits the session computes only there).
 */
package dev.zotuner.models;
