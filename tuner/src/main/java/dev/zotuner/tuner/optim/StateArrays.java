package dev.zotuner.tuner.optim;

import dev.zotuner.models.ParameterStore;

/**
 * The per-element state an optimizer keeps beside θ (momentum, Adam's moments, a restoration snapshot): one Java
 * array of θ's global length. θ itself has no size wall (it lives in native chunks), but a Java array holds at most
 * {@value #MAX_ELEMENTS} values, so such state is refused in one line, naming what to use instead, for larger θ.
 */
final class StateArrays {

    /** The largest Java array the JVM allocates. */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private StateArrays() {
    }

    /** A zeroed array as long as θ, for {@code what} of {@code method}. */
    static float[] floats(ParameterStore store, String method, String what) {
        return floats(store.size(), method, what);
    }

    /** A zeroed array of θ's {@code elements} values, for {@code what} of {@code method}. */
    static float[] floats(long elements, String method, String what) {
        if (elements > MAX_ELEMENTS) {
            throw new IllegalArgumentException(method + " keeps its " + what + " in one array as long as θ, and θ has "
                    + String.format(java.util.Locale.ROOT, "%,d", elements) + " values (at most " + String.format(java.util.Locale.ROOT, "%,d", MAX_ELEMENTS)
                    + " fit); use zo-sgd, n-spsa or mezo-bcd with in-place restoration, or train fewer weights "
                    + "(--train-layers, --peft)");
        }
        return new float[(int) elements];
    }
}
