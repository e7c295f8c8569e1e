package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ToyCommandTest {

    @Test
    void withoutASubcommandListsTheExperiments() {
        CliRun run = CliRun.of("toy");
        assertEquals(0, run.exit());
        assertTrue(run.err().contains("flat-minima"), run.err());
    }

    @Test
    void isASubcommandOfZo() {
        CliRun run = CliRun.of("--help");
        assertTrue(run.out().contains("toy"), run.out());
    }
}
