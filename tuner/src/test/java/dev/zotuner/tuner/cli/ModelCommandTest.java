package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelCommandTest {

    @Test
    void withoutSubcommandPrintsUsageListingListAndInspect() {
        CliRun run = CliRun.of("model");
        assertEquals(0, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().contains("Usage: zo model") && run.err().contains("inspect")
                && run.err().contains("list"), run.err());
    }
}
