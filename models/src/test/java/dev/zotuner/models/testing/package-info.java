/**
 * Test fixtures shared with other modules (via the test-jar): tiny random-weight ONNX models of every kind
 * and their tokenizers, generated in code: {@link dev.zotuner.models.testing.TinyModels} (MLM, causal, encoder),
 * {@link dev.zotuner.models.testing.TinyDecoders} (their KV-cache variants) and
 * {@link dev.zotuner.models.testing.TinyLlama} (a Llama-family decoder, plain, with past or merged).
 */
package dev.zotuner.models.testing;
