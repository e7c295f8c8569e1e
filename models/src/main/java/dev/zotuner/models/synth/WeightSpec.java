package dev.zotuner.models.synth;

import java.util.Arrays;

/**
 * One FLOAT initializer of a generated graph: its name, shape and initialisation. Its values are never held: the
 * writer computes them chunk by chunk ({@link SyntheticValues}).
 *
 * @param name the initializer name
 * @param dims the shape
 * @param init how its values are made
 */
public record WeightSpec(String name, long[] dims, WeightInit init) {

    public WeightSpec {
        dims = dims.clone();
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    /** Number of values. */
    public long size() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    /** Bytes of float32 data. */
    public long bytes() {
        return size() * Float.BYTES;
    }

    /** Whether this is a copy (a transpose) of another weight rather than a parameter of its own. */
    public boolean derived() {
        return init instanceof WeightInit.Transposed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightSpec w && w.name.equals(name) && Arrays.equals(w.dims, dims) && w.init.equals(init);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(dims);
    }
}
