package dev.zotuner.tuner.run;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Training progress for a person watching: steps done/total, steps per second, the recent train
 * loss (an exponential moving average, α = {@value #ALPHA}, about a 20-step window), the last dev
 * accuracy and the time left, e.g.
 * <pre>step 120/1000 12% | 3.40 steps/s | loss 0.6931 | dev 81.2% | ETA 4m19s</pre>
 * On a terminal the line is redrawn in place with {@code \r} (at most every 100 ms); otherwise
 * (a log file, CI) a full line is printed every 5 % of the run or every 30 s, whichever comes first.
 * The clock is injected, so the formatting is testable without a terminal. Not thread-safe.
 */
public final class ProgressBar {

    /** EMA factor for the displayed loss. */
    static final double ALPHA = 0.1;

    private static final long REDRAW_NANOS = 100_000_000L;
    private static final long LINE_NANOS = 30_000_000_000L;

    private final PrintStream out;
    private final long startStep;
    private final long total;
    private final boolean interactive;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private final long interval;

    private long step;
    private double ema = Double.NaN;
    private boolean diverged;
    private double dev = Double.NaN;
    private long lastDrawNanos;
    private long nextLineStep;
    private long lastLineStep = -1;
    private int lastWidth;

    /**
     * @param out         where to draw (normally {@code System.err}); not closed
     * @param startStep   steps already done (0, or the step a resumed run continues after)
     * @param totalSteps  the run's planned steps, at least 1
     * @param interactive redraw one line in place (a terminal) rather than print lines
     * @param nanoClock   monotonic time in nanoseconds ({@code System::nanoTime})
     */
    public ProgressBar(PrintStream out, long startStep, long totalSteps, boolean interactive,
                       LongSupplier nanoClock) {
        if (totalSteps < 1 || startStep < 0 || startStep > totalSteps) {
            throw new IllegalArgumentException("progress needs 0 <= start <= total and total >= 1, "
                    + "got start " + startStep + ", total " + totalSteps);
        }
        this.out = out;
        this.startStep = startStep;
        this.step = startStep;
        this.total = totalSteps;
        this.interactive = interactive;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.lastDrawNanos = startNanos;
        this.interval = Math.max(1, (totalSteps + 19) / 20);
        this.nextLineStep = (startStep / interval + 1) * interval;
    }

    /** A bar on {@code System.err}, redrawn in place when a console is attached. */
    public static ProgressBar onStderr(long startStep, long totalSteps) {
        return new ProgressBar(System.err, startStep, totalSteps, System.console() != null,
                System::nanoTime);
    }

    /** Records that {@code step} is done with train loss {@code loss}; draws when due. */
    public void update(long step, double loss) {
        this.step = step;
        diverged = !Double.isFinite(loss);
        if (!diverged) {
            ema = Double.isNaN(ema) ? loss : (1 - ALPHA) * ema + ALPHA * loss;
        }
        long now = nanoClock.getAsLong();
        if (interactive) {
            if (now - lastDrawNanos >= REDRAW_NANOS || step >= total) {
                redraw(now);
            }
        } else if (step >= nextLineStep || now - lastDrawNanos >= LINE_NANOS) {
            printLine(now);
        }
    }

    /** Records the latest dev accuracy (a fraction), shown from the next draw on. */
    public void devAccuracy(double accuracy) {
        dev = accuracy;
    }

    /** Draws the final state and ends the line. */
    public void finish() {
        long now = nanoClock.getAsLong();
        if (interactive) {
            redraw(now);
            out.println();
        } else if (lastLineStep != step) {
            printLine(now);
        }
        out.flush();
    }

    /** The status line at time {@code now}. */
    String render(long now) {
        StringBuilder s = new StringBuilder(96);
        s.append("step ").append(step).append('/').append(total).append(' ')
                .append(100 * step / total).append('%');
        double seconds = (now - startNanos) / 1e9;
        long done = step - startStep;
        double rate = seconds > 0 && done > 0 ? done / seconds : Double.NaN;
        s.append(" | ").append(Double.isNaN(rate) ? "— steps/s" : rate(rate));
        if (diverged) {
            s.append(" | loss NaN");
        } else if (!Double.isNaN(ema)) {
            s.append(String.format(Locale.ROOT, " | loss %.4f", ema));
        }
        if (Double.isFinite(dev)) {
            s.append(String.format(Locale.ROOT, " | dev %.1f%%", 100 * dev));
        }
        s.append(" | ETA ")
                .append(Double.isNaN(rate) ? "—" : duration(Math.max(0, total - step) / rate));
        return s.toString();
    }

    /** {@code 3.40 steps/s}, or {@code 2.50 s/step} below one step per second. */
    static String rate(double stepsPerSecond) {
        return stepsPerSecond >= 1
                ? String.format(Locale.ROOT, "%.2f steps/s", stepsPerSecond)
                : String.format(Locale.ROOT, "%.2f s/step", 1 / stepsPerSecond);
    }

    /** {@code 45s}, {@code 4m19s}, {@code 2h05m}, {@code 3d04h}. */
    static String duration(double seconds) {
        long t = Math.round(seconds);
        if (t < 60) {
            return t + "s";
        }
        if (t < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
        }
        if (t < 86400) {
            return String.format(Locale.ROOT, "%dh%02dm", t / 3600, t % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", t / 86400, t % 86400 / 3600);
    }

    private void redraw(long now) {
        String line = render(now);
        int pad = Math.max(0, lastWidth - line.length());
        out.print("\r" + line + " ".repeat(pad));
        out.flush();
        lastWidth = line.length();
        lastDrawNanos = now;
    }

    private void printLine(long now) {
        out.println(render(now));
        out.flush();
        lastDrawNanos = now;
        lastLineStep = step;
        nextLineStep = (step / interval + 1) * interval;
    }
}
