/**
 * ONNX Runtime: session options, weight tensors wrapped once around θ, the forward pass with pinned
 * outputs, and the forward benchmark (weights as inputs vs initializers).
 */
package dev.zotuner.models.runtime;
