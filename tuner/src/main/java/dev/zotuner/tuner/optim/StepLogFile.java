package dev.zotuner.tuner.optim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's step logs as JSON Lines, one {@link StepLog} per line, e.g.
 * <pre>{"step":0,"lr":1.0E-6,"block":-1,"accepted":1,"directions":[{"seed":-8846368372592224353,"g":0.42,"lossPlus":0.69,"lossMinus":0.68}]}</pre>
 * Doubles are written in Java's shortest round-trip form and seeds as integers, so reading gives back
 * the same bits.
 */
public final class StepLogFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StepLogFile() {
    }

    /** One line of JSON for {@code log}. */
    public static String toJson(StepLog log) {
        try {
            return JSON.writeValueAsString(log);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write step log " + log.step() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Appends one step to {@code file} (created if missing). */
    public static void append(Path file, StepLog log) throws IOException {
        Files.writeString(file, toJson(log) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Writes all steps to {@code file}, replacing it atomically. */
    public static void write(Path file, List<StepLog> logs) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (StepLog log : logs) {
                w.write(toJson(log));
                w.write('\n');
            }
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads every step; a bad line fails with {@code file:line: cause}. */
    public static List<StepLog> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<StepLog> logs = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                logs.add(JSON.readValue(line, StepLog.class));
            } catch (JsonProcessingException e) {
                String cause = e.getCause() instanceof IllegalArgumentException invalid
                        ? invalid.getMessage()
                        : "not a step log: " + e.getOriginalMessage().lines().findFirst().orElse("");
                throw new IOException(file + ":" + (i + 1) + ": " + cause, e);
            }
        }
        return logs;
    }
}
