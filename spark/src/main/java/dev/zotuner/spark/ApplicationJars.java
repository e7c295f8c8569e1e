package dev.zotuner.spark;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The jars a driver ships to cluster executors ({@code spark.jars}) so that they can run its tasks: every jar of its
 * class path (and of those jars' manifest {@code Class-Path}) outside Spark's own directory — the directory holding
 * the jar of Spark's classes, {@code $SPARK_HOME/jars} on a cluster node, {@code spark/target/spark-lib} in this build,
 * which a cluster's executors have already. A file name is shipped once (Spark serves jars by name). Spark's convention
 * for applications: the cluster provides Spark, the application brings the rest.
 *
 * @param jars the jars to ship, in class-path order
 */
public record ApplicationJars(List<Path> jars) {

    public ApplicationJars {
        jars = List.copyOf(jars);
    }

    /**
     * The jars of {@code classPath} (entries separated by {@code separator}) outside {@code sparkDirectory}; a directory
     * entry holding this toolkit's classes ({@code dev/zotuner}) cannot be shipped → {@link IllegalStateException}
     * naming it. Other directories (configuration) and missing entries are left out.
     */
    public static ApplicationJars of(String classPath, String separator, Path sparkDirectory) {
        Map<String, Path> byName = new LinkedHashMap<>();
        Path spark = sparkDirectory == null ? null : sparkDirectory.toAbsolutePath().normalize();
        for (String entry : classPath.split(java.util.regex.Pattern.quote(separator))) {
            if (entry.isBlank()) {
                continue;
            }
            Path p = Path.of(entry).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                if (Files.isDirectory(p.resolve("dev").resolve("zotuner"))) {
                    throw new IllegalStateException("the application's classes are in the directory " + p
                            + ", which Spark cannot ship to executors: run from jars (scripts/zo after mvn package) or "
                            + "with spark-submit and spark/target/zo-spark-assembly.jar");
                }
                continue;
            }
            add(p, spark, byName);
        }
        return new ApplicationJars(new ArrayList<>(byName.values()));
    }

    /** This JVM's class path, without the jars in the directory of Spark's own jar. */
    public static ApplicationJars ofThisJvm() {
        return of(System.getProperty("java.class.path", ""), File.pathSeparator, sparkDirectory());
    }

    /** The directory of the jar holding Spark's classes, or null when they are not in a jar. */
    static Path sparkDirectory() {
        try {
            var source = org.apache.spark.SparkContext.class.getProtectionDomain().getCodeSource();
            Path p = source == null ? null : Path.of(source.getLocation().toURI());
            return p != null && Files.isRegularFile(p) ? p.getParent() : null;
        } catch (java.net.URISyntaxException | SecurityException e) {
            return null;
        }
    }

    /** {@code spark.jars}: the jars, comma-separated. */
    public String sparkJars() {
        return String.join(",", jars.stream().map(Path::toString).toList());
    }

    private static void add(Path jar, Path spark, Map<String, Path> byName) {
        if (!Files.isRegularFile(jar) || !jar.getFileName().toString().endsWith(".jar")
                || (spark != null && spark.equals(jar.getParent())) || byName.containsKey(jar.getFileName().toString())) {
            return;
        }
        byName.put(jar.getFileName().toString(), jar);
        for (Path linked : manifestClassPath(jar)) {
            add(linked, spark, byName);
        }
    }

    /** The jars a jar's manifest {@code Class-Path} names (relative to the jar's directory). */
    private static List<Path> manifestClassPath(Path jar) {
        List<Path> out = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String cp = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (cp != null) {
                for (String entry : cp.trim().split("\\s+")) {
                    if (!entry.isEmpty() && !entry.contains(":")) {
                        out.add(jar.getParent().resolve(entry).normalize());
                    }
                }
            }
        } catch (IOException e) {
            // not a readable jar: ship it as it is, without following a manifest
        }
        return out;
    }
}
