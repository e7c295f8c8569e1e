package dev.zotuner.tuner.bench;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-line cause of a failed child command, from what it left behind: the CLI's own error line
 * ({@code zo: <cause>}), else an uncaught exception ({@code Exception in thread "main" ...}), a JVM crash, a kill by
 * SIGKILL (what the kernel's out-of-memory killer sends) or a signal with nothing printed, a timeout, or else the last
 * line it printed with the exit status.
 */
public final class FailureCause {

    /** Longest cause kept; longer ones are cut with an ellipsis. */
    static final int MAX_LENGTH = 240;

    private static final Pattern UNCAUGHT = Pattern.compile("^Exception in thread \"[^\"]*\" (.*)$");

    private FailureCause() {
    }

    /**
     * @param exitCode       the child's exit status (128 + n: killed by signal n)
     * @param timedOut       whether the parent killed it for running too long
     * @param timeoutSeconds the limit it ran into
     * @param stderr         what it printed on stderr
     */
    public static String of(int exitCode, boolean timedOut, double timeoutSeconds, String stderr) {
        if (timedOut) {
            return cut(String.format(Locale.ROOT, "timed out after %.0f s (killed)", timeoutSeconds));
        }
        List<String> lines = stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("zo: ")) {
                return cut(lines.get(i).substring(4));
            }
        }
        for (String line : lines) {
            Matcher m = UNCAUGHT.matcher(line);
            if (m.matches()) {
                return cut(m.group(1));
            }
            if (line.startsWith("# A fatal error has been detected by the Java Runtime Environment")) {
                return "the JVM crashed (fatal error; see its hs_err log)";
            }
        }
        if (exitCode > 128 && (exitCode == 137 || lines.isEmpty())) {
            int signal = exitCode - 128;
            return "killed by signal " + signal + (signal == 9 ? " (SIGKILL: the out-of-memory killer?)" : "");
        }
        return lines.isEmpty() ? "exit status " + exitCode + " with nothing on stderr"
                : cut(lines.get(lines.size() - 1) + " (exit status " + exitCode + ")");
    }

    private static String cut(String s) {
        return s.length() <= MAX_LENGTH ? s : s.substring(0, MAX_LENGTH - 1) + "…";
    }
}
