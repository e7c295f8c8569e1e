package dev.zotuner.tuner.train;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.zotuner.tuner.perturb.Structure;

/**
 * The structure of a run's perturbation directions (the {@code perturbation} object of {@code config.json}).
 * Absent in runs written before it existed: dense, as they were made.
 *
 * @param structure {@code dense}, {@code sparse} or {@code lowrank}
 * @param density   sparse: the fraction of coordinates each step perturbs
 * @param rank      lowrank: r of U·Vᵀ/√r per weight matrix
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PerturbationConfig(String structure, double density, int rank) {

    /** Default density of sparse perturbations. */
    public static final double DEFAULT_DENSITY = 0.01;
    /** Default rank of low-rank perturbations (LOZO's). */
    public static final int DEFAULT_RANK = 2;

    public PerturbationConfig {
        structure = structure == null ? "dense" : structure;
        Structure.parse(structure, density == 0 ? DEFAULT_DENSITY : density, rank == 0 ? DEFAULT_RANK : rank);
    }

    /** Dense directions (MeZO). */
    public static PerturbationConfig dense() {
        return new PerturbationConfig("dense", DEFAULT_DENSITY, DEFAULT_RANK);
    }

    /** The engine-side structure. */
    public Structure toStructure() {
        return Structure.parse(structure, density, rank);
    }
}
