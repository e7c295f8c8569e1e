/**
 * The {@code zo} command line (Picocli): one subcommand class per verb, sharing option groups.
 */
package dev.zotuner.tuner.cli;
