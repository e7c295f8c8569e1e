/**
 * Apache Spark around the tuner, kept out of the core CLI jar: {@code zo sweep} (a grid of ordinary resumable
 * {@code zo finetune} runs, one Spark task each, retried from its run directory, then an aggregate table and plots)
 * and {@code zo finetune --master … --workers W} (the n directions of each n-SPSA step probed by W tasks on
 * per-executor model replicas, which apply every step from its (seed, g) pairs — FedKSeed, Qin et al. 2024 — with the
 * optimizer's replay path, so the run equals the single-process MeZO run, Malladi et al. 2023, bit for bit).
 *
 * <p>The module registers {@link dev.zotuner.spark.SweepCommand} as a {@code ZoExtension} and
 * {@link dev.zotuner.spark.SparkWorkerSteps} as the {@code WorkerSteps} service; {@code scripts/zo} adds
 * {@code spark/target/zo-spark.jar}, {@code spark/target/lib} (what the application needs) and
 * {@code spark/target/spark-lib} (Spark, a {@code provided} dependency) to the class path when they exist, and
 * {@code mvn verify} builds {@code zo-spark-assembly.jar} for spark-submit. Spark runs in local mode bound to 127.0.0.1
 * with its UI off, or against {@code spark://…}, {@code yarn}, {@code k8s://…}: there the driver ships its own jars
 * ({@link dev.zotuner.spark.ApplicationJars}) and a {@link dev.zotuner.spark.ClusterWatch} ends the application in one
 * line when no executor can come. Spark logs at ERROR without stack traces ({@code log4j2.properties}).
 */
package dev.zotuner.spark;
