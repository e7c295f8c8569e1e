/**
 * Evaluation: heads that map model outputs to class logits, losses, metrics, batched length-sorted evaluation, and the zero-shot, in-context and linear-probe baselines.
 */
package dev.zotuner.eval;
