/**
 * ONNX graph handling: parsing, reading initializers (raw, typed or external data, confined to the model
 * directory), block assignment, trainable selection, the weights-as-inputs rewrite, and graph signatures.
 */
package dev.zotuner.models.onnx;
