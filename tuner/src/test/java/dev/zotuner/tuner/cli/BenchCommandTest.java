package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchCommandTest {

    @Test
    void withoutSubcommandPrintsUsageListingForward() {
        CliRun run = CliRun.of("bench");
        assertEquals(0, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().contains("Usage: zo bench") && run.err().contains("forward") && run.err().contains("perturb"), run.err());
    }
}
