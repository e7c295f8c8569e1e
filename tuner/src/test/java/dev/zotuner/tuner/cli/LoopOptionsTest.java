package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.tuner.train.BudgetConfig;
import dev.zotuner.tuner.train.CheckpointSelection;
import dev.zotuner.tuner.train.FewShotObjective;
import dev.zotuner.tuner.train.LoopSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LoopOptionsTest {

    private static LoopSettings parse(String... args) {
        LoopOptions options = new LoopOptions();
        new CommandLine(options).parseArgs(args);
        return options.settings();
    }

    @Test
    void defaultsAndEveryOptionReachTheLoopSettings() {
        LoopSettings d = parse();
        assertEquals(new LoopSettings(1000, 16, FewShotObjective.Kind.CROSS_ENTROPY, 100, 250, 0, 8, 0, false,
                BudgetConfig.none()), d);
        LoopSettings s = parse("--steps", "7", "--batch", "full", "--objective", "accuracy", "--eval-every", "2",
                "--snapshot-every", "3", "--curvature-every", "4", "--probes", "5", "--ritz", "6", "--center-loss",
                "--time-budget", "9.5", "--test-curve");
        assertEquals(new LoopSettings(7, 0, FewShotObjective.Kind.ACCURACY, 2, 3, 4, 5, 6, true, new BudgetConfig(9.5, true)), s);
    }

    @Test
    void theSelectionOptionsReachTheLoopSettings() {
        assertEquals(CheckpointSelection.devAccuracy(), parse().selection());
        assertEquals(new CheckpointSelection(CheckpointSelection.LOSS, 100),
                parse("--select", "dev-loss", "--select-from", "100").selection());
        assertEquals(new CheckpointSelection(CheckpointSelection.ACCURACY, 5), parse("--select-from", "5").selection());
        assertEquals(new CheckpointSelection(CheckpointSelection.LOSS, 100, 1000),
                parse("--select", "dev-loss", "--select-from", "100", "--average", "1000").selection());
        assertEquals("--average must be ≥ 0 steps (0: no averaging), got -1",
                assertThrows(IllegalArgumentException.class, () -> parse("--average", "-1")).getMessage());
        assertEquals("--select must be 'dev-accuracy' or 'dev-loss', got 'loss'",
                assertThrows(IllegalArgumentException.class, () -> parse("--select", "loss")).getMessage());
    }

    @Test
    void aBatchThatIsNeitherACountNorFullIsOneLine() {
        assertEquals("--batch must be ≥ 1 or 'full', got many",
                assertThrows(IllegalArgumentException.class, () -> parse("--batch", "many")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("--batch", "0"));
    }

    @Test
    void anUnknownObjectiveStopsAtParsing() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> new CommandLine(new LoopOptions()).parseArgs("--objective", "hinge"));
        assertTrue(e.getMessage().contains("'hinge' is not one of cross-entropy, accuracy"), e.getMessage());
    }
}
