package dev.zotuner.tuner.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.tuner.rundir.HeadCheckpoint;
import dev.zotuner.tuner.rundir.RunDirectoryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadCheckpointsTest {

    @TempDir
    Path run;

    private HeadCheckpoints heads() {
        return new HeadCheckpoints(run.resolve(HeadCheckpoint.DIR));
    }

    private static HeadCheckpoint checkpoint(long step) {
        double x = 0.1 * step + 1.0 / 3;
        return new HeadCheckpoint(step, step + 5, 20, new double[][] {{x, -x}, {Math.PI, 1e-310}}, new double[] {x, 0},
                new double[][] {{1, 0}, {0, 1}}, new double[][] {{x / 7, 0}, {0, 0}}, new double[] {0, x},
                new double[][] {{x * x, 0}, {0, Double.MIN_VALUE}}, new double[] {1e-20, 0});
    }

    @Test
    void aCheckpointReadsBackWithTheSameBits() {
        HeadCheckpoints h = heads();
        HeadCheckpoint c = checkpoint(7);
        h.write(c);
        HeadCheckpoint back = h.read(7).orElseThrow();
        assertEquals(7, back.step());
        assertEquals(12, back.updates());
        assertEquals(20, back.scale());
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(c.prototypes()[i], back.prototypes()[i], 0.0);
            assertArrayEquals(c.initialPrototypes()[i], back.initialPrototypes()[i], 0.0);
            assertArrayEquals(c.mPrototypes()[i], back.mPrototypes()[i], 0.0);
            assertArrayEquals(c.vPrototypes()[i], back.vPrototypes()[i], 0.0);
        }
        assertArrayEquals(c.bias(), back.bias(), 0.0);
        assertArrayEquals(c.mBias(), back.mBias(), 0.0);
        assertArrayEquals(c.vBias(), back.vBias(), 0.0);
        assertTrue(h.read(8).isEmpty());
    }

    @Test
    void stepsRetainAndDiscardAfterManageTheFiles() throws IOException {
        HeadCheckpoints h = heads();
        assertEquals(List.of(), h.steps());
        for (long s : new long[] {0, 3, 10, 12}) {
            h.write(checkpoint(s));
        }
        Files.writeString(h.directory().resolve("notes.txt"), "not ours");
        Files.writeString(h.directory().resolve(".step-13.json.1.tmp"), "leftover");
        assertEquals(List.of(0L, 3L, 10L, 12L), h.steps());
        h.retain(Set.of(3L, 12L));
        assertEquals(List.of(3L, 12L), h.steps());
        h.discardAfter(3);
        assertEquals(List.of(3L), h.steps());
        assertTrue(Files.exists(h.directory().resolve("notes.txt")), "files it did not write stay");
        assertTrue(Files.notExists(h.directory().resolve(".step-13.json.1.tmp")));
    }

    @Test
    void aDamagedOrMisplacedCheckpointIsOneLineNamingTheFile() throws IOException {
        HeadCheckpoints h = heads();
        h.write(checkpoint(4));
        Files.move(h.directory().resolve("step-4.json"), h.directory().resolve("step-5.json"));
        RunDirectoryException e = assertThrows(RunDirectoryException.class, () -> h.read(5));
        assertTrue(e.getMessage().contains("step-5.json") && e.getMessage().contains("holds step 4"), e.getMessage());
        Files.writeString(h.directory().resolve("step-6.json"), "{\"step\": ");
        e = assertThrows(RunDirectoryException.class, () -> h.read(6));
        assertTrue(e.getMessage().contains("step-6.json"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
