/**
 * Where models come from: the embedded registry ({@code default} = all-MiniLM-L6-v2 from its Maven Central
 * jar), export directories and bare {@code .onnx} files, and the checksum-verified on-disk cache.
 */
package dev.zotuner.models.source;
