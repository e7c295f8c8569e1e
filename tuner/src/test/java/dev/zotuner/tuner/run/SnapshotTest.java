package dev.zotuner.tuner.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.rundir.RunDirectoryException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {

    @TempDir
    Path dir;

    @Test
    void isAHandleToItsFiles() {
        Snapshot s = new Snapshots(dir, 2).write(3, Stores.small(3), f -> Files.writeString(f, "x"));
        assertEquals(3, s.step());
        assertEquals(dir.resolve("step-3.bin"), s.weightsFile());
        assertEquals(dir.resolve("step-3.state"), s.stateFile().orElseThrow());
        assertEquals(24, s.manifest().floats());
    }

    @Test
    void restoringIntoAnotherLayoutTouchesNothing() {
        Snapshot s = new Snapshots(dir, 2).write(3, Stores.small(3), null);
        ParameterStore other = Stores.renamed();
        float[] before = other.snapshot();
        assertThrows(RunDirectoryException.class, () -> s.restoreInto(other));
        assertArrayEquals(before, other.snapshot());
    }

    @Test
    void weightsChangedAfterVerificationAreReported() throws Exception {
        Snapshot s = new Snapshots(dir, 2).write(3, Stores.small(3), null);
        byte[] bytes = Files.readAllBytes(s.weightsFile());
        bytes[0] ^= 1;
        Files.write(s.weightsFile(), bytes);
        RunDirectoryException e = assertThrows(RunDirectoryException.class,
                () -> s.restoreInto(Stores.small(0)));
        assertTrue(e.getMessage().startsWith(s.weightsFile() + ": changed since it was verified"),
                e.getMessage());
    }
}
