/**
 * ONNX graph handling: parsing, reading initializers (raw, typed or external data, confined to the model
 * directory), an empty KV cache for decoders exported with past ({@link dev.zotuner.models.onnx.EmptyPast}), an If on a
 * constant replaced by the branch it takes (Optimum's merged decoder: {@link dev.zotuner.models.onnx.TakenBranches}),
 * a language model's logits computed only where its head reads them ({@link dev.zotuner.models.onnx.HeadSlice}: the
 * position-wise head found by {@link dev.zotuner.models.onnx.HeadRegion}, fed one position per row),
 * block assignment, trainable selection (regex, top-K layers, BitFit, the LoRA rewrite, tied copies and transposes
 * trained as one and never split: {@link dev.zotuner.models.onnx.TiedWeights},
 * {@link dev.zotuner.models.onnx.KeptTies}), the weights-as-inputs rewrite, graph signatures, stage
 * assignment and segment sub-graphs for split execution, and export (LoRA adapters merged into their weights, inline
 * or with external data: {@link dev.zotuner.models.onnx.ModelWriter}).
 */
package dev.zotuner.models.onnx;
