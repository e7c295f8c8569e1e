package dev.zotuner.models.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ModelException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCacheTest {

    @TempDir
    Path tmp;

    @Test
    void rootPrecedenceIsPropertyThenEnvThenXdgThenHome() {
        Properties props = new Properties();
        props.setProperty("user.home", "/home/u");
        assertEquals(Path.of("/home/u/.cache/zo-tuner"), ModelCache.defaultRoot(Map.of(), props));
        assertEquals(Path.of("/xdg/zo-tuner"), ModelCache.defaultRoot(Map.of("XDG_CACHE_HOME", "/xdg"), props));
        assertEquals(Path.of("/env"), ModelCache.defaultRoot(Map.of("XDG_CACHE_HOME", "/xdg", "ZO_CACHE_DIR", "/env"), props));
        props.setProperty(ModelCache.PROPERTY, "/prop");
        assertEquals(Path.of("/prop"), ModelCache.defaultRoot(Map.of("ZO_CACHE_DIR", "/env"), props));
        assertEquals(tmp, ModelCache.resolve(tmp).root());
    }

    @Test
    void materializeCopiesOnceThenReusesAndRepairsCorruption() throws IOException {
        byte[] content = "tiny model bytes".getBytes(StandardCharsets.UTF_8);
        Path jarDir = Files.createDirectories(tmp.resolve("classpath"));
        Files.write(jarDir.resolve("res.onnx"), content);
        ModelCache cache = new ModelCache(tmp.resolve("cache"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jarDir.toUri().toURL()}, null)) {
            Path copy = cache.materialize("res.onnx", loader);
            assertArrayEquals(content, Files.readAllBytes(copy));
            String sidecar = Files.readString(copy.resolveSibling("res.onnx.sha256"));
            assertTrue(sidecar.startsWith(Checksums.sha256(content) + " "), sidecar);

            long stamp = Files.getLastModifiedTime(copy).toMillis();
            assertEquals(copy, cache.materialize("res.onnx", loader));
            assertEquals(stamp, Files.getLastModifiedTime(copy).toMillis(), "intact copy is reused");

            Files.write(copy, "corrupted".getBytes(StandardCharsets.UTF_8));
            cache.materialize("res.onnx", loader);
            assertArrayEquals(content, Files.readAllBytes(copy), "corrupt copy is replaced");

            ModelException missing = assertThrows(ModelException.class, () -> cache.materialize("nope.onnx", loader));
            assertTrue(missing.getMessage().contains("nope.onnx"));
        }
    }

    @Test
    void writeAtomicallyReplacesAndLeavesNoTemporaryFiles() throws IOException {
        Path target = tmp.resolve("a/b/file.bin");
        ModelCache.writeAtomically(target, new byte[] {1, 2});
        ModelCache.writeAtomically(target, new byte[] {3});
        assertArrayEquals(new byte[] {3}, Files.readAllBytes(target));
        try (var files = Files.list(target.getParent())) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void rewrittenModelsAreKeyedByName() {
        ModelCache cache = new ModelCache(tmp);
        assertEquals(tmp.resolve("rewritten/abc.onnx"), cache.rewrittenModel("abc"));
        assertNotEquals(cache.rewrittenModel("abc"), cache.rewrittenModel("abd"));
    }
}
