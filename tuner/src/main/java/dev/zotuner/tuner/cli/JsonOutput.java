package dev.zotuner.tuner.cli;

import picocli.CommandLine.Option;

/** The {@code --json} option every command that prints a result shares: one JSON object on stdout instead of text. */
public final class JsonOutput {

    @Option(names = "--json", description = "Print one JSON object on stdout instead of text.")
    boolean json;

    /** Whether the result is printed as JSON. */
    public boolean enabled() {
        return json;
    }
}
