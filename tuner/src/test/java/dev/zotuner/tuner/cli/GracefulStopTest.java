package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The stop request itself; real signals on a child JVM are {@code GracefulStopIT}'s. */
class GracefulStopTest {

    @Test
    void aSignalWhileNoCommandHonoursItExitsAtOnceWithTheShellsStatus() {
        List<Integer> exits = new ArrayList<>();
        GracefulStop stop = new GracefulStop(exits::add);
        assertFalse(stop.requested());
        assertNull(stop.signalName());
        assertEquals(0, stop.exitStatus());
        stop.received("INT");
        assertEquals(List.of(130), exits);
        assertEquals("SIGINT", stop.signalName());
    }

    @Test
    void aHonouredSignalIsARequestTheFirstOfSeveralCounts() {
        List<Integer> exits = new ArrayList<>();
        GracefulStop stop = new GracefulStop(exits::add);
        BooleanSupplier check = stop.honour();
        assertFalse(check.getAsBoolean());
        stop.received("TERM");
        stop.received("INT");       // a second signal while stopping changes nothing
        assertTrue(check.getAsBoolean());
        assertEquals(List.of(), exits, "the command exits by itself once stopped");
        assertEquals(143, stop.exitStatus());
        assertEquals("SIGTERM", stop.signalName());
    }

    @Test
    void theInactiveStopOfInProcessRunsNeverExits() {
        GracefulStop stop = GracefulStop.inactive();
        stop.received("TERM");
        assertTrue(stop.requested(), "tests may request it");
    }
}
