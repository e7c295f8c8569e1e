package dev.zotuner.models.runtime;

import dev.zotuner.models.tokenizer.TokenBatch;

/**
 * Runs a model on a token batch and returns the output heads read: one session on the whole graph
 * ({@link ForwardPass}) or a chain of stage sessions ({@link StagedForward}). Owns its sessions; one run at a time.
 */
public interface Forward extends AutoCloseable {

    /** Runs the batch at the current θ; the view is valid until the next run. */
    OutputView run(TokenBatch batch);

    @Override
    void close();
}
