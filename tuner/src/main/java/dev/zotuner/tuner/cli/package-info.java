/**
 * The {@code zo} command line (Picocli): one subcommand class per verb, sharing option groups; {@link
 * dev.zotuner.tuner.cli.GracefulStop} turns SIGTERM / SIGINT into a stop the commands that run ONNX Runtime honour.
 */
package dev.zotuner.tuner.cli;
