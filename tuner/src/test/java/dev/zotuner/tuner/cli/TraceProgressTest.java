package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TraceProgressTest {

    @Test
    void eachProbeLineShowsTheRunningEstimateAndTheTimeLeftAtTheCurrentRate() {
        StringWriter text = new StringWriter();
        AtomicLong clock = new AtomicLong(5_000_000_000L);
        TraceProgress p = new TraceProgress(new PrintWriter(text), false, clock::get);
        clock.addAndGet(2_000_000_000L);
        p.afterProbe(1, 50, 1234.5, Double.NaN);
        clock.addAndGet(2_000_000_000L);
        p.afterProbe(2, 50, 1000, 250);
        List<String> lines = text.toString().lines().toList();
        assertEquals("zo trace: probe 1/50  Tr H 1.2345e+03  (2.00 s/probe, ETA 1 min 38 s)", lines.get(0));
        assertEquals("zo trace: probe 2/50  Tr H 1.0000e+03 +- 2.500e+02  (2.00 s/probe, ETA 1 min 36 s)", lines.get(1));
    }

    @Test
    void anAdaptiveEstimateMayStopEarlySoItsEtaIsAnUpperBound() {
        StringWriter text = new StringWriter();
        AtomicLong clock = new AtomicLong();
        TraceProgress p = new TraceProgress(new PrintWriter(text), true, clock::get);
        clock.set(1_500_000_000L);
        p.afterProbe(3, 10, -2, 1);
        clock.set(5_000_000_000L);
        p.afterProbe(10, 10, -2, 1);
        List<String> lines = text.toString().lines().toList();
        assertEquals("zo trace: probe 3/10  Tr H -2.0000e+00 +- 1.000e+00  (0.50 s/probe, ETA <= 4 s)", lines.get(0));
        assertEquals("zo trace: probe 10/10  Tr H -2.0000e+00 +- 1.000e+00  (0.50 s/probe, ETA 0 s)", lines.get(1));
    }

    @Test
    void durationsSwitchToMinutesAtSixtySeconds() {
        assertEquals("59 s", TraceProgress.duration(59.4));
        assertEquals("1 min 00 s", TraceProgress.duration(59.6));
        assertEquals("12 min 05 s", TraceProgress.duration(725));
    }
}
