/**
 * ONNX Runtime: session options (one process-wide thread pool), weight tensors wrapped once around θ, a sliced head's
 * read positions fed beside the tokens ({@link dev.zotuner.models.runtime.HeadFeed}; outputs then hold one position
 * per row, {@link dev.zotuner.models.runtime.OutputView#positions()}), and the
 * {@link dev.zotuner.models.runtime.Forward} a model runs: one session with pinned outputs
 * ({@link dev.zotuner.models.runtime.ForwardPass}) or a chain of stage sessions
 * ({@link dev.zotuner.models.runtime.StagedForward}) with a per-example cache of the frozen prefix and per-batch
 * activations kept while a hold says which tensors change; and the forward benchmark.
 */
package dev.zotuner.models.runtime;
