package dev.zotuner.tuner.run;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.io.AtomicFiles;
import dev.zotuner.tuner.rundir.RunDirectoryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The weight snapshots of a run, {@code snapshots/step-<N>.bin} (+ {@code .state}, {@code .json}).
 * Each file is written atomically (temporary file, fsync, atomic rename) and the JSON manifest last,
 * so a snapshot exists only once all of it is on disk; a leftover temporary file or a weights file
 * without a manifest is ignored. The newest {@link #keep()} snapshots are kept; older ones are
 * deleted only after a newer one is complete.
 */
public final class Snapshots {

    /** The directory's name inside a run directory. */
    public static final String DIR = "snapshots";

    /** {@code step-<N>.<ext>}, N without leading zeros (so it names one file). */
    private static final Pattern NAME =
            Pattern.compile("step-(0|[1-9]\\d{0,17})\\.(bin|state|json)");

    private final Path dir;
    private final int keep;

    /** @param keep how many snapshots to keep, at least 1 */
    Snapshots(Path dir, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("must keep at least one snapshot, got " + keep);
        }
        this.dir = dir;
        this.keep = keep;
    }

    /** The {@code snapshots/} directory (created by the first snapshot). */
    public Path directory() {
        return dir;
    }

    /** How many snapshots are kept. */
    public int keep() {
        return keep;
    }

    /**
     * Writes θ of {@code store} after {@code step} updates, and the optimizer state through
     * {@code state} (it creates the file at the path it is given, e.g. {@code optimizer::saveState};
     * null when the optimizer has no state), then deletes snapshots beyond the newest {@link #keep()}.
     * Writing at a step below an existing snapshot → {@link IllegalStateException}.
     */
    public Snapshot write(long step, ParameterStore store, AtomicFiles.FileContent state) {
        TreeSet<Long> existing = new TreeSet<>(steps());
        if (!existing.isEmpty() && existing.last() > step) {
            throw new IllegalStateException(file(existing.last(), "json") + ": is newer than step "
                    + step + " (a resumed run discards later snapshots first)");
        }
        createDirectory();
        Path weights = file(step, "bin");
        String[] sha = new String[1];
        AtomicFiles.writeChannel(weights, ch -> sha[0] = WeightsFile.write(store, ch));
        SnapshotManifest.StateFile stateFile = state == null ? null : writeState(step, state);
        SnapshotManifest manifest = SnapshotManifest.of(step, store, sha[0],
                weights.getFileName().toString(), stateFile);
        Path json = file(step, "json");
        AtomicFiles.write(json, out -> out.write(RunJson.pretty(RunJson.tree(manifest))));
        existing.add(step);
        deleteAllBut(new TreeSet<>(existing.descendingSet().stream().limit(keep).toList()));
        return new Snapshot(manifest, json);
    }

    private SnapshotManifest.StateFile writeState(long step, AtomicFiles.FileContent state) {
        Path target = file(step, "state");
        String[] sha = new String[1];
        long[] bytes = new long[1];
        AtomicFiles.writeFile(target, tmp -> {
            state.writeTo(tmp);
            sha[0] = WeightsFile.sha256(tmp);
            bytes[0] = Files.size(tmp);
        });
        return new SnapshotManifest.StateFile(target.getFileName().toString(), bytes[0], sha[0]);
    }

    /**
     * The newest intact snapshot for {@code store}: manifests are tried newest first, and one whose
     * files are missing, truncated or fail their SHA-256 is skipped with a warning. A snapshot of
     * another tensor layout → {@link RunDirectoryException} (an older one would not fit either);
     * snapshots present but none intact → {@link RunDirectoryException} listing why.
     */
    public LatestSnapshot latest(ParameterStore store) {
        List<String> warnings = new ArrayList<>();
        List<Long> steps = new ArrayList<>(steps());
        steps.sort(Comparator.reverseOrder());
        for (long step : steps) {
            Path json = file(step, "json");
            SnapshotManifest manifest;
            try {
                manifest = SnapshotManifest.read(json);
            } catch (RunDirectoryException e) {
                warnings.add(e.getMessage() + "; snapshot skipped");
                continue;
            }
            manifest.checkLayout(store, json);
            Optional<String> problem = manifest.step() == step
                    ? manifest.verify(dir)
                    : Optional.of(json + ": says step " + manifest.step());
            if (problem.isPresent()) {
                warnings.add(problem.get() + "; snapshot skipped");
                continue;
            }
            return new LatestSnapshot(Optional.of(new Snapshot(manifest, json)), warnings);
        }
        if (!warnings.isEmpty()) {
            throw new RunDirectoryException(dir.toString(), 0,
                    "no intact snapshot: " + String.join("; ", warnings));
        }
        return new LatestSnapshot(Optional.empty(), List.of());
    }

    /** Steps of the complete snapshots (those with a manifest), ascending. */
    public List<Long> steps() {
        return groups().entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(p -> p.toString().endsWith(".json")))
                .map(Map.Entry::getKey).toList();
    }

    /**
     * Deletes snapshots (complete or not) of steps after {@code step} and leftover temporary files:
     * a run resumed at {@code step} rewrites that future. Returns the steps deleted.
     */
    List<Long> discardAfter(long step) {
        TreeMap<Long, List<Path>> groups = groups();
        List<Long> later = new ArrayList<>(groups.tailMap(step, false).keySet());
        deleteAllBut(new TreeSet<>(groups.headMap(step, true).keySet()));
        for (Path leftover : list(AtomicFiles::isTemporary)) {
            delete(leftover);
        }
        return later;
    }

    /** Deletes every snapshot file whose step is not in {@code kept}, manifests first. */
    private void deleteAllBut(TreeSet<Long> kept) {
        groups().forEach((step, files) -> {
            if (!kept.contains(step)) {
                files.stream().sorted(Comparator.comparing(p -> !p.toString().endsWith(".json")))
                        .forEach(Snapshots::delete);
            }
        });
    }

    /** Snapshot files by step. */
    private TreeMap<Long, List<Path>> groups() {
        TreeMap<Long, List<Path>> groups = new TreeMap<>();
        for (Path p : list(p -> NAME.matcher(p.getFileName().toString()).matches())) {
            Matcher m = NAME.matcher(p.getFileName().toString());
            if (m.matches()) {
                groups.computeIfAbsent(Long.parseLong(m.group(1)), s -> new ArrayList<>()).add(p);
            }
        }
        return groups;
    }

    private List<Path> list(Predicate<Path> filter) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).filter(filter).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    private Path file(long step, String extension) {
        return dir.resolve("step-" + step + "." + extension);
    }

    private void createDirectory() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot create: " + e.getMessage(), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot delete: " + e.getMessage(), e);
        }
    }
}
