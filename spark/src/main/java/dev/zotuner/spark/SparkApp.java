package dev.zotuner.spark;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A running Spark application of this toolkit: its context, its master URL and, on a cluster, the {@link ClusterWatch}
 * that gives up when executors cannot come. {@link #systemic} tells a failure of the cluster or of the launch (which
 * every further job would meet too) from a failure of one task's own work.
 *
 * <p>Owns the context and the watch: {@link #close()} stops both.
 *
 * @param sc    the context
 * @param url   the master URL as Spark got it
 * @param watch the watch (clusters), or empty (local masters)
 */
record SparkApp(JavaSparkContext sc, String url, Optional<ClusterWatch> watch) implements AutoCloseable {

    private static final Pattern MISSING_CLASS =
            Pattern.compile("(ClassNotFoundException|NoClassDefFoundError): ([\\w.$/]+)");

    /**
     * The one-line cause when {@code failure} (thrown by a job) is one every job would meet: the watch gave up, the
     * context stopped, or executors miss one of the application's classes. Empty for a task's own failure.
     */
    public Optional<String> systemic(Throwable failure) {
        Optional<String> watched = watch.flatMap(ClusterWatch::failure);
        if (watched.isPresent()) {
            return watched;
        }
        if (sc.sc().isStopped()) {
            return Optional.of("the Spark application stopped (" + firstLine(failure) + ")");
        }
        return missingClass(failure).map(c -> "executors cannot load " + c + ": the application's jars did not reach "
                + "them (spark.jars = " + sc.getConf().get("spark.jars", "") + ")");
    }

    /** The class a task could not load, named anywhere in the failure's messages. */
    static Optional<String> missingClass(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Matcher m = MISSING_CLASS.matcher(String.valueOf(t.getMessage()) + " " + t);
            if (m.find()) {
                return Optional.of(m.group(2).replace('/', '.'));
            }
        }
        return Optional.empty();
    }

    /** The first line of the innermost message in {@code e}'s causes. */
    static String firstLine(Throwable e) {
        String msg = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                msg = t.getMessage();
            }
        }
        String first = msg == null ? e.toString() : msg.lines().filter(l -> !l.isBlank()).findFirst().orElse(msg);
        return first.length() > 400 ? first.substring(0, 400) + " …" : first;
    }

    /**
     * Stops printing Spark's own log (unless {@code ZO_DEBUG} is set), for an application the user is stopping: the
     * tasks it cancels report their interruption as errors, some only after the context has stopped, and those lines
     * would follow the command's last word. Without log4j-core (another logging backend) nothing changes.
     */
    public void silenceLog() {
        silenceSparkLog();
    }

    static void silenceSparkLog() {
        if (System.getenv("ZO_DEBUG") != null) {
            return;
        }
        try {
            Configurator.setLevel("org.apache.spark", Level.OFF);
        } catch (RuntimeException | LinkageError e) {
            // not log4j-core: Spark's lines stay
        }
    }

    @Override
    public void close() {
        try {
            watch.ifPresent(ClusterWatch::close);
        } finally {
            sc.close();
        }
    }
}
