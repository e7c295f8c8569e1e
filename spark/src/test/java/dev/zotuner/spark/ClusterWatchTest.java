package dev.zotuner.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * The watch's thread on a local context, which never has executors of its own (the driver runs the tasks): pointed at
 * a master nobody answers on, it gives up after {@code spark.zo.executorTimeout} and stops the application, failing the job waiting for them.
 */
class ClusterWatchTest {

    @Test
    void withoutExecutorsForItsPatienceTheWatchEndsTheApplicationAndSaysWhy() {
        SparkConf conf = SparkContexts.configure(new SparkConf(), "zo watch test", "local[1,1]", 1)
                .set(ClusterWatch.TIMEOUT_KEY, "1s");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("OFF");
            try (ClusterWatch watch = ClusterWatch.start(sc, "spark://127.0.0.1:1", SchedulerLog.none())) {
                assertEquals(0, watch.executors(), "the driver is not an executor");
                long t0 = System.nanoTime();
                Exception e = assertThrows(Exception.class, () -> sc.parallelize(List.of(1), 1).map(x -> {
                    Thread.sleep(60_000);
                    return x;
                }).collect());
                assertTrue((System.nanoTime() - t0) / 1e9 < 20, "ended by the watch, not run to the end: " + e.getMessage());
                assertEquals(Optional.of("no executor registered within 1 s (spark.zo.executorTimeout); the cluster has no "
                        + "room for an executor of 1024 MiB and 1 core(s), or executors cannot reach this driver"),
                        watch.failure());
                SparkApp app = new SparkApp(sc, "spark://127.0.0.1:1", Optional.of(watch));
                assertEquals(watch.failure(), app.systemic(e), "the watch's cause wins over the job's");
            }
        }
    }
}
