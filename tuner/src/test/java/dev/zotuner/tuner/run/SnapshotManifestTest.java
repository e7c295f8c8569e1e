package dev.zotuner.tuner.run;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.rundir.RunDirectoryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotManifestTest {

    private static final String SHA = "ab".repeat(32);

    @TempDir
    Path dir;

    @Test
    void describesTheStoreLayoutAndRoundTripsThroughJson() throws Exception {
        ParameterStore store = Stores.small(1);
        SnapshotManifest m = SnapshotManifest.of(7, store, SHA, "step-7.bin",
                new SnapshotManifest.StateFile("step-7.state", 12, SHA));
        assertEquals(24, m.floats());
        assertEquals(new SnapshotManifest.Tensor("embeddings.weight", List.of(4L, 3L), 12),
                m.tensors().get(0));
        Path file = dir.resolve("step-7.json");
        Files.write(file, RunJson.pretty(RunJson.tree(m)));
        assertEquals(m, SnapshotManifest.read(file));
        String text = Files.readString(file);
        assertTrue(text.contains("\"format\" : \"float32-le\""), text);
        assertDoesNotThrow(() -> m.checkLayout(store, file));
    }

    @Test
    void aStoreOfAnotherLayoutIsNamedInOneLine() {
        SnapshotManifest m = SnapshotManifest.of(7, Stores.small(1), SHA, "step-7.bin", null);
        RunDirectoryException renamed = assertThrows(RunDirectoryException.class,
                () -> m.checkLayout(Stores.renamed(), Path.of("s", "step-7.json")));
        assertEquals(Path.of("s", "step-7.json") + ": snapshot is of another model: tensor 2 is "
                + "'layer.0.dense.bias' [3] in the snapshot but 'layer.0.out.bias' [3] in the "
                + "model", renamed.getMessage());
        RunDirectoryException bigger = assertThrows(RunDirectoryException.class,
                () -> m.checkLayout(Stores.flat(24, 1), Path.of("m.json")));
        assertTrue(bigger.getMessage().contains("tensor 0 is 'embeddings.weight' [4, 3] in the "
                + "snapshot but 'w' [24]"), bigger.getMessage());
    }

    @Test
    void fewerTensorsWithTheSamePrefixAreAnotherModelToo() {
        ParameterStore two = ParameterStore.builder()
                .add("embeddings.weight", new long[] {4, 3}, "embeddings", true, null).build();
        SnapshotManifest m = SnapshotManifest.of(1, two, SHA, "step-1.bin", null);
        RunDirectoryException e = assertThrows(RunDirectoryException.class,
                () -> m.checkLayout(Stores.small(1), Path.of("m.json")));
        assertEquals("m.json: snapshot is of another model: 1 tensors (12 floats) in the "
                + "snapshot, 3 (24 floats) in the model", e.getMessage());
    }

    @Test
    void invalidManifestsAreRejected() throws Exception {
        List<SnapshotManifest.Tensor> one = List.of(new SnapshotManifest.Tensor("w", List.of(2L), 2));
        assertThrows(IllegalArgumentException.class,
                () -> new SnapshotManifest(1, "float16", 2, SHA, "b", one, null));
        assertThrows(IllegalArgumentException.class,
                () -> new SnapshotManifest(1, SnapshotManifest.FORMAT, 3, SHA, "b", one, null));
        assertThrows(IllegalArgumentException.class,
                () -> new SnapshotManifest(1, SnapshotManifest.FORMAT, 2, "XYZ", "b", one, null));
        Path bad = Files.writeString(dir.resolve("step-1.json"), "{\"step\":1,\"format\":\"f\"}");
        RunDirectoryException e = assertThrows(RunDirectoryException.class,
                () -> SnapshotManifest.read(bad));
        assertTrue(e.getMessage().startsWith(bad + ": unreadable snapshot manifest: "),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void verifyNamesAMissingTruncatedOrCorruptedFile() throws Exception {
        Path weights = Files.write(dir.resolve("step-1.bin"), new byte[8]);
        String sha = WeightsFile.sha256(weights);
        List<SnapshotManifest.Tensor> two = List.of(new SnapshotManifest.Tensor("w", List.of(2L), 2));
        SnapshotManifest ok = new SnapshotManifest(1, SnapshotManifest.FORMAT, 2, sha,
                "step-1.bin", two, null);
        assertEquals(Optional.empty(), ok.verify(dir));
        SnapshotManifest withState = new SnapshotManifest(1, SnapshotManifest.FORMAT, 2, sha,
                "step-1.bin", two, new SnapshotManifest.StateFile("step-1.state", 3, SHA));
        assertEquals(Optional.of(dir.resolve("step-1.state") + ": missing"), withState.verify(dir));
        Files.write(weights, new byte[7]);
        assertEquals(Optional.of(weights + ": 7 bytes, expected 8 (truncated?)"), ok.verify(dir));
        Files.write(weights, new byte[] {0, 0, 0, 0, 0, 0, 0, 1});
        assertEquals(Optional.of(weights + ": SHA-256 mismatch (corrupted)"), ok.verify(dir));
    }
}
