package dev.zotuner.tuner.perturb;

/**
 * What {@link NoiseGenerator#warmUp} did: how many short fills it ran, the bytes they allocated in all
 * (garbage of code not yet compiled), the bytes the last round allocated, and whether that round allocated
 * (next to) nothing: the compiled, intrinsified code is running.
 *
 * @param calls          fills run
 * @param allocatedBytes bytes the warm-up allocated on the calling thread (−1 if the JVM cannot say)
 * @param lastRoundBytes bytes the last round allocated
 * @param settled        the last round allocated under 1 KB a call (cold code: several KB)
 * @param millis         wall-clock time it took
 */
public record WarmUp(long calls, long allocatedBytes, long lastRoundBytes, boolean settled, double millis) {

    /** A generator with nothing to warm. */
    public static final WarmUp NONE = new WarmUp(0, 0, 0, true, 0);
}
