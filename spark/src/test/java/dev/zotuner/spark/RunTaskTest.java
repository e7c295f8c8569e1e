package dev.zotuner.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunTaskTest {

    @TempDir
    Path tmp;

    @Test
    void anAttemptIsOpenFromItsHeaderUntilItsEndedLine() throws IOException {
        Path log = tmp.resolve("run.log");
        assertFalse(RunTask.attemptOpen(log), "no log yet");
        Files.writeString(log, "== attempt 1: zo finetune --task t\nstep 3/10\n");
        assertTrue(RunTask.attemptOpen(log));
        Files.writeString(log, "zo finetune: stopped at step 3; resume with zo finetune --resume d\n"
                + RunTask.ENDED + "1\n", StandardOpenOption.APPEND);
        assertFalse(RunTask.attemptOpen(log));
        Files.writeString(log, "== attempt 2: zo finetune --resume d\n", StandardOpenOption.APPEND);
        assertTrue(RunTask.attemptOpen(log), "a retry's attempt is open again");
    }
}
