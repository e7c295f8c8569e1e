package dev.zotuner.tuner.run;

import dev.zotuner.tuner.io.AtomicFiles;
import dev.zotuner.tuner.rundir.HeadCheckpoint;
import dev.zotuner.tuner.rundir.JsonFields;
import dev.zotuner.tuner.rundir.RunDirectoryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The head checkpoints of a run, {@code head/step-<N>.json} ({@link HeadCheckpoint}), each written atomically. The
 * training loop decides which to keep ({@link #retain}); a resumed run continues from the newest one.
 */
public final class HeadCheckpoints {

    private static final Pattern NAME = Pattern.compile("step-(0|[1-9]\\d{0,17})\\.json");

    private final Path dir;

    HeadCheckpoints(Path dir) {
        this.dir = dir;
    }

    /** The {@code head/} directory (created by the first checkpoint). */
    public Path directory() {
        return dir;
    }

    /** Writes {@code checkpoint} (replacing one of the same step). */
    public void write(HeadCheckpoint checkpoint) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot create: " + e.getMessage(), e);
        }
        byte[] bytes = RunJson.line(RunJson.tree(checkpoint));
        AtomicFiles.write(dir.resolve(HeadCheckpoint.fileName(checkpoint.step())), out -> out.write(bytes));
    }

    /** The checkpoint of step {@code step}, if kept; unreadable → {@link RunDirectoryException} naming the file. */
    public Optional<HeadCheckpoint> read(long step) {
        Path file = dir.resolve(HeadCheckpoint.fileName(step));
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        HeadCheckpoint c;
        try {
            c = JsonFields.mapper().readValue(JsonFields.text(file), HeadCheckpoint.class);
        } catch (IOException e) {
            throw new RunDirectoryException(file.toString(), 0, "not a head checkpoint: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (c.step() != step) {
            throw new RunDirectoryException(file.toString(), 0, "holds step " + c.step() + ", not " + step);
        }
        return Optional.of(c);
    }

    /** The steps of the checkpoints on disk, ascending. */
    public List<Long> steps() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> NAME.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> Long.parseLong(m.group(1))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    /** Deletes every checkpoint whose step is not in {@code keep}. */
    public void retain(Set<Long> keep) {
        for (long s : steps()) {
            if (!keep.contains(s)) {
                delete(s);
            }
        }
    }

    /** Deletes the checkpoints of steps after {@code step} (a resumed run redoes them) and leftover temporary files. */
    void discardAfter(long step) {
        for (long s : steps()) {
            if (s > step) {
                delete(s);
            }
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(AtomicFiles::isTemporary).toList()) {
                    Files.deleteIfExists(f);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(dir + ": cannot clean: " + e.getMessage(), e);
            }
        }
    }

    private void delete(long step) {
        Path file = dir.resolve(HeadCheckpoint.fileName(step));
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot delete: " + e.getMessage(), e);
        }
    }
}
