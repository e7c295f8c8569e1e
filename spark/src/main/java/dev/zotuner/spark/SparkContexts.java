package dev.zotuner.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Starts the Spark contexts of this module: local mode bound to 127.0.0.1 with the UI off (no network beyond the
 * loopback), or a cluster master ({@code spark://host:port}, {@code yarn}, {@code k8s://…}); failed tasks are retried
 * {@code attempts − 1} times (local masters get the {@code local[N,F]} form, clusters {@code spark.task.maxFailures}).
 */
public final class SparkContexts {

    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,(\\d+))?])?");

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
            return master;
        }
        throw new IllegalArgumentException("--master: expected local[N], local[*], spark://host:port or yarn, got " + master);
    }

    /** Whether {@code master} runs in this JVM. */
    public static boolean isLocal(String master) {
        return LOCAL.matcher(master).matches();
    }

    /** A context for {@code master} (see {@link #withAttempts}); close it when done. */
    public static JavaSparkContext start(String appName, String master, int attempts) {
        String url = withAttempts(master, attempts);
        SparkConf conf = new SparkConf().setAppName(appName).setMaster(url)
                .set("spark.ui.enabled", "false")
                .set("spark.task.maxFailures", Integer.toString(attempts))
                .set("spark.speculation", "false");
        if (isLocal(url)) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        JavaSparkContext sc = new JavaSparkContext(conf);
        sc.setLogLevel("WARN");
        return sc;
    }
}
