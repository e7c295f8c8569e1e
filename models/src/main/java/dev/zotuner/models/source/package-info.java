/**
 * Where models come from: the embedded registry ({@link dev.zotuner.models.source.EmbeddedModel}:
 * {@code default} = all-MiniLM-L6-v2 and bge-small-en-v1.5, each from its Maven Central jar, with its
 * {@link dev.zotuner.models.source.ModelCard}, pooling, normalisation and per-task
 * {@link dev.zotuner.models.source.TaskPrompt}s), export directories and bare {@code .onnx} files, and the
 * checksum-verified on-disk cache.
 */
package dev.zotuner.models.source;
