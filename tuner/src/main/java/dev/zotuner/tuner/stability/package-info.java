/**
 * Mean-square stability of zeroth-order (MeZO-style) optimizers on a quadratic: the exact critical
 * step size η* from a Hessian spectrum, rigorous bounds from (Tr H, λmax, tr H²), and a verdict for
 * a given learning rate. Derivations and checks: {@code docs/stability-theory.md}.
 *
 * <p>Everything here is plain double arithmetic on values (no model, no I/O except the two small
 * readers {@link dev.zotuner.tuner.stability.SpectrumFile} and
 * {@link dev.zotuner.tuner.stability.RunCurvature}); nothing prints.
 */
package dev.zotuner.tuner.stability;
