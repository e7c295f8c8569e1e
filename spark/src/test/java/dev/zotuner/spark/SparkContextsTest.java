package dev.zotuner.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

class SparkContextsTest {

    @Test
    void localMastersGetTheirRetriesClusterMastersAreKept() {
        assertEquals("local[1,3]", SparkContexts.withAttempts("local", 3));
        assertEquals("local[*,3]", SparkContexts.withAttempts("local[*]", 3));
        assertEquals("local[2,3]", SparkContexts.withAttempts("local[2]", 3));
        assertEquals("local[2,5]", SparkContexts.withAttempts("local[2,5]", 3));
        assertEquals("spark://head:7077", SparkContexts.withAttempts("spark://head:7077", 3));
        assertEquals("yarn", SparkContexts.withAttempts("yarn", 3));
        assertEquals("k8s://https://api:6443", SparkContexts.withAttempts("k8s://https://api:6443", 3));
        assertTrue(SparkContexts.isLocal("local[2,3]"));
        assertFalse(SparkContexts.isLocal("yarn"));
        assertEquals("--master: expected local[N], local[*], spark://host:port, yarn or k8s://…, got lokal[2]",
                assertThrows(IllegalArgumentException.class, () -> SparkContexts.withAttempts("lokal[2]", 3)).getMessage());
        assertEquals("--master spark://head: expected spark://host:port, got 'head'",
                assertThrows(IllegalArgumentException.class, () -> SparkContexts.withAttempts("spark://head", 3)).getMessage());
    }

    @Test
    void clusterExecutorsGetTheDriversOfflineSettingAndUserSettingsAreKept() {
        SparkConf cluster = SparkContexts.configure(new SparkConf(false)
                .set("spark.executor.extraJavaOptions", "-XX:+UseG1GC").set("spark.jars", "mine.jar"), "zo", "spark://h:7077", 3);
        assertEquals("-XX:+UseG1GC -Dai.djl.offline=true", cluster.get("spark.executor.extraJavaOptions"));
        assertEquals("true", cluster.get("spark.executorEnv.OPT_OUT_TRACKING"));
        assertEquals("mine.jar", cluster.get("spark.jars"), "a user's (or spark-submit's) jars are theirs");
        assertEquals("3", cluster.get("spark.task.maxFailures"));
        SparkConf local = SparkContexts.configure(new SparkConf(false), "zo", "local[2,3]", 3);
        assertEquals("127.0.0.1", local.get("spark.driver.bindAddress"));
        assertFalse(local.contains("spark.executor.extraJavaOptions"), "local executors are this JVM");
    }

    @Test
    void aContextThatWillNotStartIsOneLineNamingWhatIsMissing() {
        assertEquals("--master yarn: this class path has no Spark cluster manager for it (spark-yarn, spark-kubernetes): "
                        + "run zo with spark-submit of a Spark distribution that has one (see README)",
                SparkContexts.startFailure("yarn", new RuntimeException(new SparkException("Could not parse Master URL: 'yarn'"))));
    }

    @Test
    void anUnreachableStandaloneMasterFailsAtOnceInOneLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "spark://127.0.0.1:" + port;
        long t0 = System.nanoTime();
        ClusterException e = assertThrows(ClusterException.class, () -> SparkContexts.start("zo test", url, 1));
        assertTrue((System.nanoTime() - t0) / 1e9 < 5, "within seconds");
        assertTrue(e.getMessage().startsWith("master " + url + " unreachable (127.0.0.1:" + port + ": "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
