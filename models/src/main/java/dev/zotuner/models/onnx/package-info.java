/**
 * ONNX graph handling: parsing, reading initializers (raw, typed or external data, confined to the model
 * directory), block assignment, trainable selection (regex, top-K layers, BitFit, the LoRA rewrite), the
 * weights-as-inputs rewrite, graph signatures, stage assignment and segment sub-graphs for split execution, and
 * export (LoRA adapters merged into their weights).
 */
package dev.zotuner.models.onnx;
