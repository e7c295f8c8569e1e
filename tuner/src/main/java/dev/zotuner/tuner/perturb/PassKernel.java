package dev.zotuner.tuner.perturb;

import dev.zotuner.models.Parameter;

/**
 * The element-wise arithmetic of one fused pass over θ, applied chunk by chunk.
 *
 * <p>The engine calls it concurrently from several threads on disjoint chunks, so an implementation
 * may only write {@code theta} and arrays it indexes by element (state buffers at
 * {@code p.offset() + from + i}); the result must depend on nothing but the element, so it is the same
 * for any thread count.
 */
@FunctionalInterface
public interface PassKernel {

    /**
     * Updates one chunk in place.
     *
     * @param p     the tensor
     * @param from  index in {@code p} of the chunk's first element
     * @param len   chunk length
     * @param theta θ[from .. from+len) of {@code p} at [0, len); written back after the call
     * @param z     z[k][0, len): the noise of the pass's k-th seed for the same elements
     */
    void apply(Parameter p, int from, int len, float[] theta, float[][] z);
}
