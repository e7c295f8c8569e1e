package dev.zotuner.models;

/**
 * A promise, until closed, that only some tensors of θ change: passes may reuse what they computed from the
 * others (the upstream stages of a MeZO-BCD step). Closing it drops what was kept. Holds nest.
 */
@FunctionalInterface
public interface Hold extends AutoCloseable {

    /** A hold that keeps nothing. */
    Hold NONE = () -> { };

    @Override
    void close();
}
