package dev.zotuner.tuner.optim;

/** The order in which MeZO-BCD visits the store's blocks. */
public enum BlockOrder {
    /** Blocks 0, 1, …, B−1, 0, 1, … */
    CYCLIC,
    /** A fresh seeded permutation of the blocks every epoch of B steps. */
    RANDOM_PERMUTATION
}
