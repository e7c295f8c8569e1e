package dev.zotuner.tuner.stability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a list of numbers: one or more per line, separated by whitespace or commas; {@code #}
 * starts a comment. Errors are one line naming {@code file:line} and the cause.
 *
 * <pre>
 * # eigenvalues of H, largest first
 * 12.5
 * 3.1, 0.7 0.02
 * </pre>
 */
public final class SpectrumFile {

    private SpectrumFile() {
    }

    /** Eigenvalues of a PSD Hessian: finite, ≥ 0, not all zero. */
    public static Spectrum readSpectrum(Path file) {
        double[] values = read(file, false, "eigenvalue");
        try {
            return new Spectrum(values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Eigenvalues of a preconditioner in H's eigenbasis: finite, &gt; 0. */
    public static double[] readPreconditioner(Path file) {
        return read(file, true, "preconditioner entry");
    }

    private static double[] read(Path file, boolean strictlyPositive, String what) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        double[] values = new double[16];
        int count = 0;
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln);
            int hash = line.indexOf('#');
            String body = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (body.isEmpty()) {
                continue;
            }
            for (String token : body.split("[\\s,]+")) {
                if (token.isEmpty()) {
                    continue;
                }
                double v = parse(file, ln + 1, token, what);
                if (strictlyPositive && !(v > 0)) {     // eigenvalues of H may be negative (indefinite H)
                    throw new IllegalArgumentException(file + ":" + (ln + 1) + ": " + what + " " + token + " must be > 0");
                }
                if (count == values.length) {
                    values = java.util.Arrays.copyOf(values, 2 * count);
                }
                values[count++] = v;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException(file + ": no " + what + "s (file is empty or only comments)");
        }
        return java.util.Arrays.copyOf(values, count);
    }

    private static double parse(Path file, int line, String token, String what) {
        double v;
        try {
            v = Double.parseDouble(token);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ":" + line + ": '" + token + "' is not a number", e);
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(file + ":" + line + ": " + what + " " + token + " is not finite");
        }
        return v;
    }
}
