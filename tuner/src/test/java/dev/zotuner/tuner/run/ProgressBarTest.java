package dev.zotuner.tuner.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static final long SECOND = 1_000_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong(5 * SECOND);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rendersStepsRateSmoothedLossDevAccuracyAndEta() {
        ProgressBar bar = new ProgressBar(out, 0, 1000, true, clock::get);
        bar.update(1, 1.0);
        bar.update(2, 0.0);
        assertTrue(bar.render(clock.get()).contains("| loss 0.9000 |"), "EMA 1.0, then 0.9");
        bar.devAccuracy(0.8125);
        for (int t = 3; t <= 120; t++) {
            bar.update(t, 2.0);
        }
        clock.addAndGet(40 * SECOND);
        double ema = 2.0 - 1.1 * Math.pow(0.9, 118);
        assertEquals(String.format("step 120/1000 12%% | 3.00 steps/s | loss %.4f | dev 81.3%% | "
                + "ETA 4m53s", ema), bar.render(clock.get()));
    }

    @Test
    void aNonFiniteLossShowsAsNaNAndSlowRunsShowSecondsPerStep() {
        ProgressBar bar = new ProgressBar(out, 10, 20, false, clock::get);
        assertEquals("step 10/20 50% | — steps/s | ETA —", bar.render(clock.get()));
        bar.update(11, Double.NaN);
        clock.addAndGet(25 * SECOND / 10);
        assertEquals("step 11/20 55% | 2.50 s/step | loss NaN | ETA 23s", bar.render(clock.get()));
        bar.update(12, 0.25);
        assertTrue(bar.render(clock.get()).contains("| loss 0.2500 |"));
    }

    @Test
    void withoutATerminalItPrintsALineEveryFivePercentOrThirtySeconds() {
        ProgressBar bar = new ProgressBar(out, 0, 200, false, clock::get);
        for (int t = 1; t <= 25; t++) {
            clock.addAndGet(SECOND / 10);
            bar.update(t, 0.5);
        }
        clock.addAndGet(31 * SECOND);
        bar.update(26, 0.5);
        bar.update(27, 0.5);
        bar.finish();
        List<String> lines = output().lines().toList();
        assertEquals(List.of(10L, 20L, 26L, 27L), lines.stream()
                .map(l -> Long.parseLong(l.substring(5, l.indexOf('/')))).toList());
        assertTrue(lines.stream().noneMatch(l -> l.contains("\r")));
    }

    @Test
    void onATerminalItRedrawsOneLineAtMostTenTimesASecond() {
        ProgressBar bar = new ProgressBar(out, 0, 10_000, true, clock::get);
        bar.update(1, 0.5);
        clock.addAndGet(SECOND / 5);
        bar.update(2, 0.5);
        bar.update(3, 0.5);
        bar.finish();
        String text = output();
        assertEquals(2, text.chars().filter(c -> c == '\r').count(), text);
        assertTrue(text.startsWith("\rstep 2/10000 0% | 10.00 steps/s"), text);
        assertTrue(text.endsWith(System.lineSeparator()));
        assertTrue(text.contains("\rstep 3/10000"), text);
    }

    @Test
    void aShorterRedrawBlanksTheRestOfThePreviousLine() {
        ProgressBar bar = new ProgressBar(out, 0, 10, true, clock::get);
        bar.devAccuracy(0.5);
        clock.addAndGet(SECOND);
        bar.update(1, 0.5);
        String first = output().substring(1);
        bar.devAccuracy(Double.NaN);
        clock.addAndGet(SECOND);
        bar.update(2, 0.5);
        String second = output().substring(1 + first.length() + 1);
        assertEquals(first.length(), second.length());
        assertTrue(second.endsWith(" "));
    }

    @Test
    void formatsDurationsAndRates() {
        assertEquals("45s", ProgressBar.duration(44.6));
        assertEquals("4m19s", ProgressBar.duration(259));
        assertEquals("2h05m", ProgressBar.duration(2 * 3600 + 5 * 60 + 59));
        assertEquals("3d04h", ProgressBar.duration(3 * 86400 + 4 * 3600));
        assertEquals("12.35 steps/s", ProgressBar.rate(12.345));
        assertEquals("4.00 s/step", ProgressBar.rate(0.25));
    }

    @Test
    void rejectsAnImpossibleRange() {
        assertThrows(IllegalArgumentException.class,
                () -> new ProgressBar(out, 0, 0, false, clock::get));
        assertThrows(IllegalArgumentException.class,
                () -> new ProgressBar(out, 11, 10, false, clock::get));
    }
}
