/**
 * Toy experiments on analytic objectives that show what the real optimizers do where the answer is
 * known exactly: {@code zo toy flat-minima} runs gradient descent and two-point ZO-SGD on the test
 * function of Zhang et al., "Zeroth-Order Optimization Finds Flat Minima" (arXiv:2506.05454,
 * Example 2.1), and writes an ordinary run directory that {@code zo report} plots.
 */
package dev.zotuner.tuner.toy;
