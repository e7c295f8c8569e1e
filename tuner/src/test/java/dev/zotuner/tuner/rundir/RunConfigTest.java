package dev.zotuner.tuner.rundir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunConfigTest {

    @TempDir
    Path dir;

    private RunConfig read(String json) throws Exception {
        Path f = dir.resolve("config.json");
        Files.writeString(f, json);
        return RunConfig.read(f);
    }

    @Test
    void scalarValuesAsCompactStrings() throws Exception {
        RunConfig c = read("{\"optimizer\":\"zo-sgd\",\"lr\":1e-5,\"eps\":0.001,\"momentum\":0.9,"
                + "\"task\":\"sst2\",\"k\":16,\"seed\":42,\"model\":\"default\",\"steps\":20000,"
                + "\"batch\":\"full\",\"nested\":{\"a\":1},\"list\":[1]}");
        assertEquals(Optional.of("zo-sgd"), c.get("optimizer"));
        assertEquals(Optional.of("1e-5"), c.get("lr"));
        assertEquals(Optional.of("1e-3"), c.get("eps"));
        assertEquals(Optional.of("0.9"), c.get("momentum"));
        assertEquals(Optional.of("full"), c.get("batch"));
        assertEquals(OptionalLong.of(20000), c.steps());
        assertEquals(List.of("optimizer", "lr", "eps", "momentum", "task", "k", "seed", "model",
                "steps", "batch"), List.copyOf(c.values().keySet()));
    }

    @Test
    void mistypedKnownKeyIsAnError() {
        RunDirectoryException e = assertThrows(RunDirectoryException.class,
                () -> read("{\"lr\":\"big\"}"));
        assertEquals(dir.resolve("config.json") + ": field 'lr' must be a number, found string \"big\"",
                e.getMessage());
        assertThrows(RunDirectoryException.class, () -> read("{\"lr\":"));
    }

    @Test
    void emptyHasNothing() {
        assertTrue(RunConfig.empty().values().isEmpty());
        assertEquals(OptionalLong.empty(), RunConfig.empty().steps());
        assertEquals(Optional.empty(), RunConfig.empty().get("lr"));
    }
}
