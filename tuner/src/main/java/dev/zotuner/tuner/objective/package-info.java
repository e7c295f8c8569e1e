/**
 * Objectives: the loss functions optimizers and curvature estimators query ({@link dev.zotuner.tuner.objective.Objective})
 * and the flat-minima toy's analytic examples. Part of the pure maths core: nothing here imports {@code eval}; the
 * ONNX few-shot loss is {@code train.FewShotObjective}, and the test-only quadratics and logistic regression live in
 * the test sources.
 */
package dev.zotuner.tuner.objective;
