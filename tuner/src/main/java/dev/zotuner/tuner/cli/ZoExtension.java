package dev.zotuner.tuner.cli;

/**
 * A subcommand that lives outside this jar (the {@code spark} module's {@code zo sweep}): a picocli
 * {@code @Command} class with a public no-argument constructor, listed in
 * {@code META-INF/services/dev.zotuner.tuner.cli.ZoExtension}. {@link ZoCommand#commandLine()} adds every one it finds
 * with {@link java.util.ServiceLoader}, so the core CLI jar never depends on the modules that provide them.
 */
public interface ZoExtension {
}
