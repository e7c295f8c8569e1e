package dev.zotuner.tuner.cli;

import dev.zotuner.models.synth.GeneratorProgress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * {@code zo model generate}'s progress on stderr: a line at every 10 % of the weight bytes or every 15 s, whichever
 * comes first, with the tensor being written, the rate and the time left, e.g.
 * <pre>zo model generate: 2.1/5.7 GB (37 %) model.decoder.layers.8.fc1.bias  310 MB/s, ETA 12 s</pre>
 */
final class GenerateProgress implements GeneratorProgress {

    private static final long LINE_NANOS = 15_000_000_000L;

    private final PrintWriter err;
    private final LongSupplier nanoClock;
    private final long start;
    private long lastLine;
    private long nextTenth = 1;

    /**
     * @param err       where the lines go (not closed)
     * @param nanoClock monotonic nanoseconds, e.g. {@code System::nanoTime}
     */
    GenerateProgress(PrintWriter err, LongSupplier nanoClock) {
        this.err = err;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
        this.lastLine = start;
    }

    @Override
    public void written(String tensor, long done, long total) {
        long now = nanoClock.getAsLong();
        boolean tenth = done * 10 >= nextTenth * total;
        if (!tenth && now - lastLine < LINE_NANOS) {
            return;
        }
        while (nextTenth * total <= done * 10) {
            nextTenth++;
        }
        lastLine = now;
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = done / seconds;
        err.println(String.format(Locale.ROOT, "zo model generate: %s/%s (%d %%) %s  %.0f MB/s, ETA %s", gb(done), gb(total),
                done * 100 / Math.max(1, total), tensor, rate / 1e6, TraceProgress.duration((total - done) / rate)));
        err.flush();
    }

    /** Bytes as "532 MB" or "5.7 GB". */
    static String gb(long bytes) {
        return bytes < 1_000_000_000L ? String.format(Locale.ROOT, "%d MB", Math.round(bytes / 1e6))
                : String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}
