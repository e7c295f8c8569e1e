/**
 * The perturbation engine: seeded, counter-based noise z (a pure function of step seed, tensor name
 * and element index; Gaussian by Box–Muller or Rademacher), generated on the fly by a bit-reproducible
 * Vector API kernel, and fused multi-threaded passes θ ← f(θ, z₁, …, z_K) over a ParameterStore or one
 * of its blocks. Nothing here stores z: it is regenerated from its seed whenever it is needed.
 */
package dev.zotuner.tuner.perturb;
