/**
 * Fine-tuning: the run configuration ({@link dev.zotuner.tuner.train.FineTuneConfig}: one typed settings record per
 * concern, written as the flat {@code config.json} through {@link dev.zotuner.tuner.train.ConfigJson}), deterministic
 * mini-batches, and the training loop that ties a zeroth-order optimizer, the few-shot objective, evaluation,
 * curvature tracking, the run directory and resume together.
 */
package dev.zotuner.tuner.train;
