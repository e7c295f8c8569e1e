package dev.zotuner.tuner.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepLogFileTest {

    @TempDir
    Path dir;

    private static final StepLog A = new StepLog(0, 1e-6, -1, 1,
            List.of(new ProjectedGradient(-8846368372592224353L, 0.1 + 0.2, Math.PI, Math.E)));
    private static final StepLog B = new StepLog(1, 2.5e-7, 2, -1,
            List.of(new ProjectedGradient(Long.MIN_VALUE, -1e-300, 0.6931471805599453, 0.6931471805599454),
                    new ProjectedGradient(Long.MAX_VALUE, 123456.789, 1, 1)));

    @Test
    void roundTripsEveryBit() throws IOException {
        Path file = dir.resolve("steps.jsonl");
        StepLogFile.write(file, List.of(A, B));
        assertEquals(List.of(A, B), StepLogFile.read(file));
        assertFalse(Files.exists(dir.resolve("steps.jsonl.tmp")));
    }

    @Test
    void appendAddsOneLinePerStep() throws IOException {
        Path file = dir.resolve("append.jsonl");
        StepLogFile.append(file, A);
        StepLogFile.append(file, B);
        assertEquals(2, Files.readAllLines(file).size());
        assertEquals(List.of(A, B), StepLogFile.read(file));
        assertEquals('{', StepLogFile.toJson(A).charAt(0));
    }

    @Test
    void badLinesNameFileAndLine() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, StepLogFile.toJson(A) + "\n{\"step\": oops}\n");
        IOException e = assertThrows(IOException.class, () -> StepLogFile.read(file));
        assertEquals(true, e.getMessage().startsWith(file + ":2: not a step log"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        Files.writeString(file, "{\"step\":0,\"lr\":1,\"block\":-1,\"accepted\":5,\"directions\":[{\"seed\":1,\"g\":0,\"lossPlus\":0,\"lossMinus\":0}]}\n");
        IOException invalid = assertThrows(IOException.class, () -> StepLogFile.read(file));
        assertEquals(file + ":1: step 0: accepted must be -1, 0 or 1, got 5", invalid.getMessage());
    }
}
