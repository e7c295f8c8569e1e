package dev.zotuner.tuner.curvature;

import java.nio.FloatBuffer;

/**
 * A direction in parameter space for {@link RayleighRitz}: either the noise z(seed) the engine
 * regenerates (e.g. the perturbation of a recent ZO step, which is also that step's update
 * direction), or an explicit vector in the store's flat layout (e.g. a momentum buffer).
 */
public sealed interface Direction {

    /** z(seed) restricted to the selected tensors. */
    static Direction seeded(long seed) {
        return new Seeded(seed);
    }

    /** An explicit vector, one value per element of the store (read, not copied, when used). */
    static Direction vector(FloatBuffer flat) {
        return new Vector(flat.duplicate());
    }

    /** An explicit vector as a heap array in the store's flat layout. */
    static Direction vector(float[] flat) {
        return new Vector(FloatBuffer.wrap(flat));
    }

    /** @param seed perturbation seed, as given to {@code PerturbationEngine.perturb} */
    record Seeded(long seed) implements Direction {
    }

    /** @param flat values at {@code p.offset() + i} for element i of tensor p */
    record Vector(FloatBuffer flat) implements Direction {
    }
}
