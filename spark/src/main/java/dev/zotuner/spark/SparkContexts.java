package dev.zotuner.spark;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Starts the Spark applications of this module: local mode bound to 127.0.0.1 with the UI off (no network beyond the
 * loopback), or a cluster master ({@code spark://host:port}, {@code yarn}, {@code k8s://…}); failed tasks are retried
 * {@code attempts − 1} times (local masters get the {@code local[N,F]} form, clusters {@code spark.task.maxFailures}).
 *
 * <p>On a cluster the driver ships its own code: unless {@code spark.jars} is set (spark-submit sets it to the
 * application jar), it is the driver's class path outside Spark's directory ({@link ApplicationJars}); executors get
 * {@code -Dai.djl.offline=true} (no tokenizer downloads) like the driver. A standalone master that does not accept a
 * connection fails at once, and a {@link ClusterWatch} gives up when executors cannot come; both in one line
 * ({@link ClusterException}).
 */
public final class SparkContexts {

    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,(\\d+))?])?");
    private static final String EXECUTOR_OPTIONS = "spark.executor.extraJavaOptions";

    private SparkContexts() {
    }

    /**
     * The master with its retry count: {@code local} → {@code local[1,F]}, {@code local[N]} → {@code local[N,F]}; an
     * explicit {@code local[N,F]} and cluster URLs are kept. Anything else → {@link IllegalArgumentException}.
     */
    public static String withAttempts(String master, int attempts) {
        Matcher m = LOCAL.matcher(master);
        if (m.matches()) {
            if (m.group(2) != null) {
                return master;
            }
            return "local[" + (m.group(1) == null ? "1" : m.group(1)) + "," + attempts + "]";
        }
        if (master.startsWith("spark://") || master.equals("yarn") || master.startsWith("k8s://")) {
            StandaloneMaster.of(master);      // a malformed host:port fails here
            return master;
        }
        throw new IllegalArgumentException("--master: expected local[N], local[*], spark://host:port, yarn or k8s://…, got "
                + master);
    }

    /** spark-submit's {@code --master} ({@code spark.master}) when the driver runs under it, else {@code fallback}. */
    public static String defaultMaster(String fallback) {
        return System.getProperty("spark.master", fallback);
    }

    /** Whether {@code master} runs in this JVM. */
    public static boolean isLocal(String master) {
        return LOCAL.matcher(master).matches();
    }

    /** An application on {@code master} (see {@link #withAttempts}); close it when done. */
    static SparkApp start(String appName, String master, int attempts) {
        String url = withAttempts(master, attempts);
        SparkConf conf = configure(new SparkConf(), appName, url, attempts);
        if (!isLocal(url)) {
            StandaloneMaster.of(url).ifPresent(m -> m.requireReachable(3_000));
            if (!conf.contains("spark.jars")) {
                conf.set("spark.jars", ApplicationJars.ofThisJvm().sparkJars());
            }
        }
        SchedulerLog log = isLocal(url) ? SchedulerLog.none() : SchedulerLog.open();
        JavaSparkContext sc;
        try {
            sc = new JavaSparkContext(conf);
        } catch (Exception e) {      // Scala code throws the checked SparkException too
            log.close();
            throw new ClusterException(startFailure(url, e));
        }
        sc.setLogLevel(System.getenv("ZO_DEBUG") != null ? "WARN" : "ERROR");
        if (isLocal(url)) {
            log.close();
            return new SparkApp(sc, url, Optional.empty());
        }
        return new SparkApp(sc, url, Optional.of(ClusterWatch.start(sc, url, log)));
    }

    /** {@code conf} with this module's settings for {@code url} (user settings, e.g. spark.* system properties, kept). */
    static SparkConf configure(SparkConf conf, String appName, String url, int attempts) {
        conf.setAppName(appName).setMaster(url)
                .set("spark.ui.enabled", "false")
                .set("spark.task.maxFailures", Integer.toString(attempts))
                .set("spark.speculation", "false");
        if (isLocal(url)) {
            return conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        String options = conf.get(EXECUTOR_OPTIONS, "");
        if (!options.contains("-Dai.djl.offline=")) {
            conf.set(EXECUTOR_OPTIONS, (options + " -Dai.djl.offline=true").strip());
        }
        conf.setIfMissing("spark.executorEnv.OPT_OUT_TRACKING", "true");
        return conf;
    }

    /** One line for a context that would not start. */
    static String startFailure(String url, Exception e) {
        String first = SparkApp.firstLine(e);
        if (first.contains("Could not parse Master URL")) {
            return "--master " + url + ": this class path has no Spark cluster manager for it (spark-yarn, "
                    + "spark-kubernetes): run zo with spark-submit of a Spark distribution that has one (see README)";
        }
        return "cannot start Spark on " + url + ": " + first;
    }
}
