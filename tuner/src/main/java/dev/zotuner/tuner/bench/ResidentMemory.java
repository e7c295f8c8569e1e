package dev.zotuner.tuner.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's resident set size from {@code /proc/self/status} (Linux): the high-water mark {@code VmHWM}
 * and the current {@code VmRSS}, in KiB. The mark is reset to the current size by writing {@code 5} to
 * {@code /proc/self/clear_refs} (Linux ≥ 4.0), so a phase's peak can be measured on its own.
 *
 * @param peakKib    VmHWM: the largest resident size since start or since the last {@link #resetPeak()}
 * @param currentKib VmRSS: the resident size now
 */
public record ResidentMemory(long peakKib, long currentKib) {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    /** Reads the current values; fails with the file named if it is missing or lacks the fields. */
    public static ResidentMemory read() {
        try {
            return parse(Files.readString(STATUS));
        } catch (IOException e) {
            throw new UncheckedIOException(STATUS + ": cannot read resident memory (" + e.getMessage() + ")", e);
        }
    }

    /** The fields of a {@code /proc/<pid>/status} text. */
    static ResidentMemory parse(String status) {
        return new ResidentMemory(field(status, "VmHWM:"), field(status, "VmRSS:"));
    }

    /** Resets VmHWM to VmRSS; false if the kernel refused (then peaks include earlier phases). */
    public static boolean resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    public double peakMib() {
        return peakKib / 1024.0;
    }

    public double currentMib() {
        return currentKib / 1024.0;
    }

    private static long field(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name)) {
                String[] parts = line.substring(name.length()).trim().split("\\s+");
                if (parts.length == 2 && parts[1].equals("kB")) {
                    return Long.parseLong(parts[0]);
                }
                throw new IllegalArgumentException(STATUS + ": unexpected line '" + line.strip() + "'");
            }
        }
        throw new IllegalArgumentException(STATUS + ": no " + name + " line");
    }
}
