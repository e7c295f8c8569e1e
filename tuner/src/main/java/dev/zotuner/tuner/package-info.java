/**
 * The tuner: objectives, the seeded perturbation engine, zeroth-order optimizers, curvature estimators, the training loop and run directory, and the {@code zo} command line.
 */
package dev.zotuner.tuner;
