package dev.zotuner.tuner.optim;

/** How θ is brought back after the ±εz probes of a step. */
public enum Restoration {
    /**
     * MeZO's in-place walk θ+εz, θ−εz (one pass each), then restore and update fused in one pass.
     * No extra memory, but θ+εz−2εz+εz ≠ θ in float32: each step leaves an ulp-level drift.
     */
    IN_PLACE,
    /**
     * Copy θ to a snapshot during the first probe pass and compute θ±εz and the update from it:
     * exact restoration (the update is the only change) for 4 bytes per parameter.
     */
    SNAPSHOT
}
