package dev.zotuner.tuner.cli;

import dev.zotuner.tuner.curvature.ProbeProgress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * {@code zo trace}'s progress on stderr, one line per probe: {@code probe k/N}, the running trace ± its
 * standard error, seconds per probe and the time left (an upper bound when probing may stop early).
 * Times count from construction, so the first probe includes the centre forward pass.
 */
final class TraceProgress implements ProbeProgress {

    private final PrintWriter err;
    private final boolean adaptive;
    private final LongSupplier nanoClock;
    private final long start;

    /**
     * @param err       where the lines go (not closed)
     * @param adaptive  whether probing may stop before the cap (the ETA is then "at most")
     * @param nanoClock monotonic nanoseconds, e.g. {@code System::nanoTime}
     */
    TraceProgress(PrintWriter err, boolean adaptive, LongSupplier nanoClock) {
        this.err = err;
        this.adaptive = adaptive;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
    }

    @Override
    public void afterProbe(int probes, int maxProbes, double mean, double standardError) {
        double elapsed = (nanoClock.getAsLong() - start) / 1e9;
        double perProbe = elapsed / probes;
        double left = (maxProbes - probes) * perProbe;
        String se = Double.isNaN(standardError) ? "" : String.format(Locale.ROOT, " +- %.3e", standardError);
        err.printf(Locale.ROOT, "zo trace: probe %d/%d  Tr H %.4e%s  (%.2f s/probe, ETA %s%s)%n", probes, maxProbes,
                mean, se, perProbe, adaptive && left > 0 ? "<= " : "", duration(left));
        err.flush();
    }

    /** "42 s", "3 min 05 s". */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
}
