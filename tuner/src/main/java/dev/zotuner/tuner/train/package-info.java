/**
 * Fine-tuning: the run configuration, deterministic mini-batches, and the training loop that ties a
 * zeroth-order optimizer, the few-shot objective, evaluation, curvature tracking, the run directory and
 * resume together.
 */
package dev.zotuner.tuner.train;
