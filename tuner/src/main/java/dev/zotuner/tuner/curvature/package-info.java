/**
 * Forward-only curvature estimators on any {@link dev.zotuner.tuner.objective.Objective}: Hutchinson's
 * trace Tr H (and Tr(P⁻¹H) for ZO-Adam, tr H² from Gaussian probes) from symmetric second differences
 * along seeded probes, a check of the finite-difference step (h vs 2h on the same probes), a
 * Rayleigh–Ritz LOWER bound on λmax in a small subspace, one measurement with the stability quantities of
 * {@link dev.zotuner.tuner.stability} as a metrics.jsonl curvature line
 * ({@link dev.zotuner.tuner.curvature.CurvatureMeasurement}), a tracker for the training loop and a
 * running one-probe trace from the loop's own centre loss. Theory and defaults:
 * {@code docs/curvature-estimation.md}. θ is always restored bit for bit; nothing prints.
 */
package dev.zotuner.tuner.curvature;
