package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.tuner.testing.TinyRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without the spark module on the class path (this module's tests) --workers is refused in one line, before any run directory. */
class WorkerStepsTest {

    @Test
    void withoutTheSparkModuleWorkersAreRefusedInOneLineAndNothingIsWritten(@TempDir Path tmp) {
        TinyRun files = TinyRun.encoder(tmp, 10);
        Path runDir = tmp.resolve("run");
        CliRun r = CliRun.of(files.args(List.of("finetune"), "--k", "4", "--steps", "2", "--optimizer", "n-spsa",
                "--directions", "2", "--workers", "2", "--run-dir", runDir.toString()));
        assertEquals(1, r.exit());
        assertEquals("zo: --master needs the spark module (mvn -B -pl spark -am package; scripts/zo then puts it on the class path)\n",
                r.err());
        assertFalse(Files.exists(runDir));
        assertThrows(IllegalArgumentException.class, WorkerSteps::find);
    }

    @Test
    void settingsNeedAWorker() {
        assertEquals("--workers must be ≥ 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new WorkerSteps.Settings("local[2]", 0, 0)).getMessage());
    }

    @Test
    void masterWithoutWorkersIsAUsageErrorInOneLine() {
        CliRun r = CliRun.of("finetune", "--master", "local[2]");
        assertEquals(1, r.exit());
        assertEquals("zo: --master needs --workers W ≥ 1, got 0\n", r.err());
    }
}
