/**
 * Objectives: the loss functions optimizers and curvature estimators query, both the ONNX few-shot
 * loss and analytic ones (quadratics, logistic regression, the flat-minima toy examples).
 */
package dev.zotuner.tuner.objective;
