package dev.zotuner.tuner.perturb;

/** The distribution of each coordinate of a perturbation direction z. */
public enum NoiseKind {
    /** z ~ N(0, 1), by Box–Muller (the MeZO default). */
    GAUSSIAN,
    /** z = ±1 with probability ½ each (SPSA's Rademacher directions, Spall 1992). */
    RADEMACHER
}
