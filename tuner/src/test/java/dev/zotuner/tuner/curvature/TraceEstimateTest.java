package dev.zotuner.tuner.curvature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.tuner.perturb.NoiseKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceEstimateTest {

    @Test
    void summarisesProbeStatistics() {
        ProbeStatistics s = new ProbeStatistics();
        for (double q : new double[] {2, 4, 6, 8}) {
            s.add(q);
        }
        HutchinsonOptions o = HutchinsonOptions.defaults().withSeed(9).withH(0.25);
        TraceEstimate g = TraceEstimate.of(s, o, 1.5, NoiseKind.GAUSSIAN, false, TraceEstimate.Stop.PROBE_CAP);
        double se = Math.sqrt(20.0 / 3 / 4);
        assertEquals(5, g.trace());
        assertEquals(se, g.traceSe(), 1e-15);
        assertEquals(5 - 3.182446305 * se, g.ciLow(), 1e-8);
        assertEquals(5 + 3.182446305 * se, g.ciHigh(), 1e-8);
        assertEquals(10.0 / 3, g.traceSq(), 1e-15); // s²/2
        assertEquals(4, g.probes());
        assertEquals(9, g.forwards());
        assertEquals(0.25, g.h());
        assertEquals(9, g.seed());
        assertEquals(se / 5, g.relativeSe(), 1e-15);
        assertEquals(List.of(2.0, 4.0, 6.0, 8.0), g.values());
        assertTrue(g.covers(3));
        assertFalse(g.covers(0));
        TraceEstimate r = TraceEstimate.of(s, o, 1.5, NoiseKind.RADEMACHER, true, TraceEstimate.Stop.PROBE_CAP);
        assertTrue(Double.isNaN(r.traceSq()), "Rademacher variance is not 2 tr H²");
        assertTrue(Double.isNaN(r.traceSqSe()));
        assertTrue(r.preconditioned());
    }
}
