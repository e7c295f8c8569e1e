package dev.zotuner.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationJarsTest {

    @TempDir Path tmp;

    /** An empty jar, with a manifest Class-Path when {@code classPath} is given. */
    private static Path jar(Path file, String classPath) throws IOException {
        Files.createDirectories(file.getParent());
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            m.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream j = new JarOutputStream(out, m)) {
            return file;
        }
    }

    @Test
    void shipsTheClassPathOutsideSparksDirectoryWithManifestClassPathsAndEachFileNameOnce() throws IOException {
        Path spark = tmp.resolve("spark-lib");
        Path sparkCore = jar(spark.resolve("spark-core.jar"), null);
        Path scala = jar(spark.resolve("scala-library.jar"), null);
        Path tuner = jar(tmp.resolve("tuner/zo-tuner.jar"), "lib/onnxruntime.jar lib/picocli.jar lib/spark-core.jar");
        Path ort = jar(tmp.resolve("tuner/lib/onnxruntime.jar"), null);
        Path picocli = jar(tmp.resolve("tuner/lib/picocli.jar"), null);
        jar(tmp.resolve("tuner/lib/spark-core.jar"), null);     // a copy of Spark's jar elsewhere: shipped (not Spark's dir)
        Path zoSpark = jar(tmp.resolve("spark/zo-spark.jar"), null);
        Path otherOrt = jar(tmp.resolve("spark/lib/onnxruntime.jar"), null);
        Path conf = Files.createDirectories(tmp.resolve("conf"));
        String cp = String.join(":", List.of(tuner.toString(), zoSpark.toString(), otherOrt.toString(), conf.toString(),
                tmp.resolve("missing.jar").toString(), sparkCore.toString(), scala.toString()));
        ApplicationJars jars = ApplicationJars.of(cp, ":", spark);
        assertEquals(List.of(tuner, ort, picocli, tmp.resolve("tuner/lib/spark-core.jar"), zoSpark), jars.jars());
        assertEquals(tuner + "," + ort + "," + picocli + "," + tmp.resolve("tuner/lib/spark-core.jar") + "," + zoSpark,
                jars.sparkJars());
    }

    @Test
    void classesInADirectoryCannotBeShippedAndSayHowToRunInstead() throws IOException {
        Path classes = Files.createDirectories(tmp.resolve("target/classes/dev/zotuner/spark")).getParent().getParent()
                .getParent();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ApplicationJars.of(classes.toString(), ":", tmp.resolve("spark-lib")));
        assertTrue(e.getMessage().contains(classes + ", which Spark cannot ship") && e.getMessage().contains("spark-submit"),
                e.getMessage());
    }

    @Test
    void thisJvmsSparkDirectoryHoldsSparkCore() {
        Path dir = ApplicationJars.sparkDirectory();
        assertTrue(dir != null && Files.isDirectory(dir), "Spark's classes come from a jar in the tests too: " + dir);
    }
}
