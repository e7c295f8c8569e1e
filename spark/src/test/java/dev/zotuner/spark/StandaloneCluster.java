package dev.zotuner.spark;

import dev.zotuner.tuner.testing.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on 127.0.0.1 for integration tests: a Master and Workers as separate JVMs, started from
 * spark-core's own deploy classes, on a Spark home laid out as a distribution — {@code jars/} holds Spark and its
 * dependencies ({@code target/spark-lib}) and the third-party jars a distribution shares with this application
 * ({@link #SHARED}), never this toolkit's jars, so executors run its tasks only if the driver ships them. A Worker's
 * executor launcher finds {@code $SPARK_HOME/jars} given {@code SPARK_SCALA_VERSION}.
 *
 * <p>Owns the daemons: {@link #close()} kills them and their executors.
 */
final class StandaloneCluster implements AutoCloseable {

    /** Jars of {@code target/lib} that a Spark distribution has too (Maven resolves them once, as the application's). */
    static final List<String> SHARED = List.of("jackson-", "slf4j-api-", "commons-codec-", "commons-compress-", "gson-",
            "protobuf-java-", "error_prone_annotations-");
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Duration START = Duration.ofSeconds(120);

    private final Path home;
    private final String url;
    private final ChildJvm master;
    private final List<ChildJvm> workers;

    private StandaloneCluster(Path home, String url, ChildJvm master, List<ChildJvm> workers) {
        this.home = home;
        this.url = url;
        this.master = master;
        this.workers = workers;
    }

    /** Starts a Master and {@code workers} Workers of 1 core and {@code memory} (e.g. {@code 1g}) each, under {@code dir}. */
    static StandaloneCluster start(Path dir, int workers, String memory) throws IOException {
        Path home = sparkHome(dir.resolve("spark-home"));
        int port = freePort();
        String url = "spark://127.0.0.1:" + port;
        Map<String, String> env = Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.13",
                "SPARK_LOCAL_IP", "127.0.0.1", "JAVA_HOME", System.getProperty("java.home"));
        String cp = home.resolve("jars") + "/*";
        ChildJvm master = ChildJvm.start(dir.resolve("master"), cp, List.of("-Xmx256m"),
                "org.apache.spark.deploy.master.Master", List.of("--host", "127.0.0.1", "--port", Integer.toString(port),
                        "--webui-port", "0"), env);
        List<ChildJvm> started = new ArrayList<>();
        StandaloneCluster cluster = new StandaloneCluster(home, url, master, started);
        try {
            if (!master.await(() -> accepts(port), START)) {
                throw new IllegalStateException("master did not start:\n" + master.err());
            }
            for (int w = 0; w < workers; w++) {
                Path wd = dir.resolve("worker-" + w);
                started.add(ChildJvm.start(wd, cp, List.of("-Xmx256m"), "org.apache.spark.deploy.worker.Worker",
                        List.of("--host", "127.0.0.1", "--cores", "1", "--memory", memory, "--webui-port", "0",
                                "--work-dir", wd.resolve("work").toString(), url), env));
            }
            for (ChildJvm w : started) {
                if (!w.awaitErr(e -> e.contains("Successfully registered with master"), START)) {
                    throw new IllegalStateException("worker did not register:\n" + w.err());
                }
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The master URL. */
    String url() {
        return url;
    }

    /** The Spark home ({@code jars/}). */
    Path home() {
        return home;
    }

    /** The environment a Spark JVM of this cluster's home (spark-submit) needs. */
    Map<String, String> env() {
        return Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.13", "SPARK_LOCAL_IP", "127.0.0.1");
    }

    /** Kills Worker {@code w} and its executors at once (its node goes down). */
    void killWorker(int w) {
        workers.get(w).killTree();
    }

    private static Path sparkHome(Path home) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        try (Stream<Path> spark = Files.list(TARGET.resolve("spark-lib")); Stream<Path> lib = Files.list(TARGET.resolve("lib"))) {
            List<Path> all = new ArrayList<>(spark.toList());
            lib.filter(p -> SHARED.stream().anyMatch(s -> p.getFileName().toString().startsWith(s))).forEach(all::add);
            for (Path jar : all) {
                Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
            }
        }
        return home;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        workers.forEach(ChildJvm::close);
        master.close();
    }

    /** This module's jars and their dependencies as {@code scripts/zo} puts them on the class path for Spark commands. */
    static String zoClassPath() {
        return String.join(java.io.File.pathSeparator, TARGET.getParent().resolveSibling("tuner").resolve("target/zo-tuner.jar").toString(),
                TARGET.resolve("zo-spark.jar").toString(), TARGET.resolve("lib") + "/*", TARGET.resolve("spark-lib") + "/*");
    }

    /** The jar mvn verify builds for spark-submit. */
    static Path assembly() {
        Path jar = TARGET.resolve("zo-spark-assembly.jar");
        if (!Files.isRegularFile(jar)) {
            throw new UncheckedIOException(new IOException(jar + ": missing (built in pre-integration-test)"));
        }
        return jar;
    }
}
