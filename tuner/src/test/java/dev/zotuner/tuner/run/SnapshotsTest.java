package dev.zotuner.tuner.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.rundir.RunDirectoryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotsTest {

    @TempDir
    Path run;

    private Snapshots snapshots() {
        return new Snapshots(run.resolve(Snapshots.DIR), 2);
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(run.resolve(Snapshots.DIR))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Writes snapshots of {@code Stores.small(step)} with a state file "state-<step>". */
    private Snapshots withSteps(long... steps) {
        Snapshots s = snapshots();
        for (long step : steps) {
            s.write(step, Stores.small(step), f -> Files.writeString(f, "state-" + step));
        }
        return s;
    }

    private static Path snapshotFile(Snapshots s, String name) {
        return s.directory().resolve(name);
    }

    @Test
    void theLatestSnapshotRestoresTheWeightsAndItsState() throws Exception {
        Snapshots s = withSteps(10, 20);
        LatestSnapshot latest = s.latest(Stores.small(0));
        assertEquals(List.of(), latest.warnings());
        Snapshot snap = latest.snapshot().orElseThrow();
        assertEquals(20, snap.step());
        ParameterStore store = Stores.small(0);
        snap.restoreInto(store);
        assertArrayEquals(Stores.small(20).snapshot(), store.snapshot());
        assertEquals("state-20", Files.readString(snap.stateFile().orElseThrow()));
    }

    @Test
    void keepsTheNewestTwoAndDeletesOlderOnesAfterTheNewIsComplete() throws Exception {
        Snapshots s = withSteps(10, 20, 30);
        assertEquals(List.of(20L, 30L), s.steps());
        assertEquals(List.of("step-20.bin", "step-20.json", "step-20.state", "step-30.bin",
                "step-30.json", "step-30.state"), files());
    }

    @Test
    void aFailedStateWriteLeavesNoNewSnapshotAndKeepsTheOldOnes() throws Exception {
        Snapshots s = withSteps(10, 20);
        assertThrows(UncheckedIOException.class, () -> s.write(30, Stores.small(30), f -> {
            Files.writeString(f, "half");
            throw new IOException("disk full");
        }));
        assertEquals(List.of(10L, 20L), s.steps());
        assertEquals(20, s.latest(Stores.small(0)).snapshot().orElseThrow().step());
    }

    @Test
    void leftoverTemporaryFilesAndWeightsWithoutManifestAreIgnored() throws Exception {
        Snapshots s = withSteps(10, 20);
        Files.write(snapshotFile(s, ".step-30.bin.4242.tmp"), new byte[] {1, 2, 3});
        Files.copy(snapshotFile(s, "step-20.bin"), snapshotFile(s, "step-30.bin"));
        Files.writeString(snapshotFile(s, "step-030.json"), "{}");
        LatestSnapshot latest = s.latest(Stores.small(0));
        assertEquals(20, latest.snapshot().orElseThrow().step());
        assertEquals(List.of(), latest.warnings());
        assertEquals(List.of(10L, 20L), s.steps());
    }

    @Test
    void aCorruptedSnapshotFallsBackToTheOlderOneWithAWarning() throws Exception {
        Snapshots s = withSteps(10, 20);
        Path weights = snapshotFile(s, "step-20.bin");
        byte[] bytes = Files.readAllBytes(weights);
        bytes[17] ^= 0x10;
        Files.write(weights, bytes);
        LatestSnapshot latest = s.latest(Stores.small(0));
        assertEquals(10, latest.snapshot().orElseThrow().step());
        assertEquals(List.of(weights + ": SHA-256 mismatch (corrupted); snapshot skipped"),
                latest.warnings());
    }

    @Test
    void truncatedWeightsOrStateAndABrokenManifestAreSkippedToo() throws Exception {
        Snapshots s = withSteps(10, 20);
        try (FileChannel ch = FileChannel.open(snapshotFile(s, "step-20.bin"),
                StandardOpenOption.WRITE)) {
            ch.truncate(40);
        }
        assertTrue(s.latest(Stores.small(0)).warnings().get(0).contains("step-20.bin: 40 bytes, "
                + "expected 96 (truncated?)"));
        Files.writeString(snapshotFile(s, "step-10.json"), "{\"step\":");
        RunDirectoryException none = assertThrows(RunDirectoryException.class,
                () -> s.latest(Stores.small(0)));
        assertEquals(1, none.getMessage().lines().count());
        assertTrue(none.getMessage().startsWith(s.directory() + ": no intact snapshot: "),
                none.getMessage());
        assertTrue(none.getMessage().contains("step-10.json: unreadable snapshot manifest"),
                none.getMessage());
    }

    @Test
    void aCorruptedStateFileCountsAsACorruptedSnapshot() throws Exception {
        Snapshots s = withSteps(10, 20);
        Files.writeString(snapshotFile(s, "step-20.state"), "state-21");
        LatestSnapshot latest = s.latest(Stores.small(0));
        assertEquals(10, latest.snapshot().orElseThrow().step());
        assertTrue(latest.warnings().get(0).contains("step-20.state: SHA-256 mismatch"));
    }

    @Test
    void aSnapshotOfAnotherModelIsAnErrorNotAFallback() {
        Snapshots s = withSteps(10, 20);
        RunDirectoryException e = assertThrows(RunDirectoryException.class,
                () -> s.latest(Stores.renamed()));
        assertEquals(snapshotFile(s, "step-20.json") + ": snapshot is of another model: tensor 2 "
                + "is 'layer.0.dense.bias' [3] in the snapshot but 'layer.0.out.bias' [3] in the "
                + "model", e.getMessage());
    }

    @Test
    void noSnapshotsAtAllIsAnEmptyAnswer() {
        LatestSnapshot latest = snapshots().latest(Stores.small(0));
        assertTrue(latest.snapshot().isEmpty());
        assertEquals(List.of(), snapshots().steps());
    }

    @Test
    void withoutStateThereIsNoStateFileAndRewritingAStepReplacesIt() throws Exception {
        Snapshots s = snapshots();
        s.write(5, Stores.small(1), null);
        s.write(5, Stores.small(2), null);
        Snapshot snap = s.latest(Stores.small(0)).snapshot().orElseThrow();
        assertTrue(snap.stateFile().isEmpty());
        ParameterStore store = Stores.small(0);
        snap.restoreInto(store);
        assertArrayEquals(Stores.small(2).snapshot(), store.snapshot());
        assertEquals(List.of("step-5.bin", "step-5.json"), files());
    }

    @Test
    void writingBehindANewerSnapshotIsRefused() {
        Snapshots s = withSteps(20);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> s.write(10, Stores.small(10), null));
        assertTrue(e.getMessage().contains("step-20.json: is newer than step 10"), e.getMessage());
    }

    @Test
    void discardAfterRemovesLaterSnapshotsOrphansAndTemporaryFiles() throws Exception {
        Snapshots s = withSteps(10, 20);
        Files.write(snapshotFile(s, ".step-30.bin.4242.tmp"), new byte[] {1});
        Files.write(snapshotFile(s, "step-40.bin"), new byte[] {1});
        Files.writeString(snapshotFile(s, "notes.txt"), "mine");
        assertEquals(List.of(20L, 40L), s.discardAfter(10));
        assertEquals(List.of("notes.txt", "step-10.bin", "step-10.json", "step-10.state"), files());
        assertEquals(List.of(), s.discardAfter(10));
    }

    @Test
    void aStateWriterWithItsOwnAtomicRenameWorks() throws Exception {
        Snapshots s = snapshots();
        s.write(1, Stores.small(1), f -> {
            Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
            Files.writeString(tmp, "optimizer");
            Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE);
        });
        assertEquals("optimizer", Files.readString(
                s.latest(Stores.small(0)).snapshot().orElseThrow().stateFile().orElseThrow()));
    }

    @Test
    void keepMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new Snapshots(run, 0));
        assertEquals(3, new Snapshots(run, 3).keep());
    }
}
