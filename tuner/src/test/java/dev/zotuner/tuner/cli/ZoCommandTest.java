package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ZoCommandTest {

    @Test
    void aCommandLineThatDoesNotParseIsOneLineNamingTheCommandWithExitTwo() {
        CliRun unknown = CliRun.of("trace", "--probs", "3");
        assertEquals(2, unknown.exit());
        assertEquals("zo trace: Unknown options: '--probs', '3' (did you mean --prompts or --probes or --probe-seed? zo trace --help for usage)",
                unknown.err().strip());
        CliRun notANumber = CliRun.of("stability", "--lr", "fast");
        assertEquals(2, notANumber.exit());
        assertEquals(1, notANumber.err().strip().lines().count(), notANumber.err());
        assertEquals(true, notANumber.err().startsWith("zo stability: Invalid value for option '--lr'"), notANumber.err());
    }

    @Test
    void aFailureWhileRunningIsOneLineWithExitOne() {
        CliRun r = CliRun.of("stability", "--lr", "-1", "--trace", "2");
        assertEquals(1, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertEquals(true, r.err().startsWith("zo: "), r.err());
    }
}
