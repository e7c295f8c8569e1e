package dev.zotuner.tuner.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.io.AtomicFiles;
import dev.zotuner.tuner.rundir.HeadCheckpoint;
import dev.zotuner.tuner.rundir.JsonFields;
import dev.zotuner.tuner.rundir.MetricsLog;
import dev.zotuner.tuner.rundir.ReplayLog;
import dev.zotuner.tuner.rundir.ReplayStep;
import dev.zotuner.tuner.rundir.RunConfig;
import dev.zotuner.tuner.rundir.RunDirectoryException;
import dev.zotuner.tuner.rundir.RunSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The directory a fine-tuning run writes (layout: {@code docs/run-directory.md}): {@code config.json},
 * the split, {@code metrics.jsonl} (which is also the replay log), weight snapshots and, at the end,
 * {@code summary.json}. A new run never reuses a non-empty directory, except one whose run logged nothing (an
 * empty {@code metrics.jsonl}: it failed while loading or scoring step 0), which it starts over; a resumed one cuts
 * its log back to the step it resumes at. Files the run did not write are never touched.
 *
 * <p>Owns the metrics file's lock and channel until {@link #close()}; use in try-with-resources.
 */
public final class RunDirectory implements AutoCloseable {

    /** The split's directory inside a run directory, for {@code TaskSplit.writeTo}. */
    public static final String SPLIT = "split";
    /** Snapshots kept unless told otherwise. */
    public static final int DEFAULT_KEEP = 2;

    private final Path dir;
    private final JsonNode config;
    private final MetricsWriter metrics;
    private final Snapshots snapshots;
    private final Snapshots best;
    private final HeadCheckpoints heads;
    private boolean appendable;
    private boolean restarted;

    private RunDirectory(Path dir, JsonNode config, MetricsWriter metrics, int keep,
                         boolean appendable) {
        this.dir = dir;
        this.config = config;
        this.metrics = metrics;
        this.snapshots = new Snapshots(dir.resolve(Snapshots.DIR), keep);
        this.best = new Snapshots(dir.resolve(BEST), 1);
        this.heads = new HeadCheckpoints(dir.resolve(HeadCheckpoint.DIR));
        this.appendable = appendable;
    }

    /**
     * Starts a new run in {@code dir} (created if needed) and writes {@code config} (a record or map:
     * every setting needed to rerun) to {@code config.json}. A {@code dir} that exists and is neither an
     * empty directory nor the directory of a run that logged nothing ({@link UnstartedRun}: its config and split
     * are replaced) → {@link RunDirectoryException}: nothing in it is touched. A run still writing it →
     * {@link IllegalStateException}.
     */
    public static RunDirectory create(Path dir, Object config, int keepSnapshots) {
        JsonNode tree = RunJson.object(config, "the run's config");
        boolean restart = false;
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new RunDirectoryException(dir.toString(), 0, "exists and is not a directory");
            }
            restart = !isEmpty(dir);
            if (restart && !UnstartedRun.is(dir)) {
                throw new RunDirectoryException(dir.toString(), 0, "exists and is not empty; "
                        + "resume that run or choose another directory");
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot create: " + e.getMessage(), e);
        }
        MetricsWriter metrics = MetricsWriter.open(dir.resolve(MetricsLog.FILE));   // locked: no live run here
        try {
            if (restart) {
                if (!UnstartedRun.is(dir)) {
                    throw new RunDirectoryException(dir.toString(), 0, "changed while starting over; choose another directory");
                }
                UnstartedRun.clear(dir);
            }
            writeConfig(dir, tree);
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
        RunDirectory run = new RunDirectory(dir, tree, metrics, keepSnapshots, true);
        run.restarted = restart;
        return run;
    }

    /** Whether {@link #create} started over in the directory of a run that had logged nothing ({@link UnstartedRun}). */
    public boolean restarted() {
        return restarted;
    }

    /** {@link #create(Path, Object, int)} keeping {@value #DEFAULT_KEEP} snapshots. */
    public static RunDirectory create(Path dir, Object config) {
        return create(dir, config, DEFAULT_KEEP);
    }

    /**
     * Opens an existing run to resume it: reads {@code config.json} back and locks
     * {@code metrics.jsonl} (a run still being written elsewhere → {@link IllegalStateException}).
     * Nothing is changed until {@link #resumeAt}, which must come before any new record.
     */
    public static RunDirectory open(Path dir, int keepSnapshots) {
        if (!Files.isDirectory(dir)) {
            throw new RunDirectoryException(dir.toString(), 0,
                    Files.exists(dir) ? "not a directory" : "no such run directory");
        }
        Path file = dir.resolve(RunConfig.FILE);
        if (!Files.isRegularFile(file)) {
            throw new RunDirectoryException(dir.toString(), 0,
                    "no " + RunConfig.FILE + " (not a run directory?)");
        }
        JsonNode config = JsonFields.read(file).node();
        return new RunDirectory(dir, config, MetricsWriter.open(dir.resolve(MetricsLog.FILE)),
                keepSnapshots, false);
    }

    /**
     * Whether {@code dir} holds a run that logged something ({@code config.json} and a non-empty {@code metrics.jsonl}):
     * one to {@link #open} and resume. A directory that is absent, empty or {@linkplain UnstartedRun unstarted} is not.
     */
    public static boolean hasLogged(Path dir) {
        Path metrics = dir.resolve(MetricsLog.FILE);
        try {
            return Files.isRegularFile(dir.resolve(RunConfig.FILE)) && Files.isRegularFile(metrics) && Files.size(metrics) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
    }

    /** {@link #open(Path, int)} keeping {@value #DEFAULT_KEEP} snapshots. */
    public static RunDirectory open(Path dir) {
        return open(dir, DEFAULT_KEEP);
    }

    /**
     * Prepares an opened run to continue after {@code step} updates (the step of the snapshot it
     * restored, or the last step it replayed): cuts {@code metrics.jsonl} back to its records up to
     * {@code step} (see {@link LogTruncation}), deletes snapshots of later steps and leftover
     * temporary files, removes a {@code summary.json} of the earlier ending, and appends a
     * {@code {"type":"resume","step":N,"dropped_lines":D}} line. Head checkpoints of later steps are deleted too.
     */
    public Resumption resumeAt(long step) {
        if (appendable) {
            throw new IllegalStateException(dir + ": resumeAt must come once, before any record");
        }
        LogTruncation cut = metrics.truncateAfter(step);
        List<Long> discarded = snapshots.discardAfter(step);
        best.discardAfter(step);
        heads.discardAfter(step);
        try {
            Files.deleteIfExists(dir.resolve(RunSummary.FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(dir.resolve(RunSummary.FILE) + ": cannot delete: "
                    + e.getMessage(), e);
        }
        appendable = true;
        metrics.append("resume", step, Map.of("dropped_lines", cut.droppedLines()));
        return new Resumption(step, cut.droppedLines(), discarded, MetricsLog.read(metrics.file()));
    }

    /** The run directory. */
    public Path path() {
        return dir;
    }

    /** Where the caller writes the k-shot split ({@code split.writeTo(run.splitDirectory())}). */
    public Path splitDirectory() {
        return dir.resolve(SPLIT);
    }

    /** The settings as written to {@code config.json}. */
    public JsonNode config() {
        return config.deepCopy();
    }

    /**
     * Adds {@code field} to {@code config.json} (rewritten atomically) if the config lacks it: what is known only once
     * the run has started, such as the base model's checksum. A field already there is never changed.
     *
     * @return whether the field was added
     */
    public boolean recordInConfig(String field, Object value) {
        if (!(config instanceof ObjectNode tree)) {
            throw new IllegalStateException(dir + ": config.json is not a JSON object");
        }
        if (tree.hasNonNull(field)) {
            return false;
        }
        tree.set(field, RunJson.object(value, "config field " + field));
        writeConfig(dir, tree);
        return true;
    }

    private static void writeConfig(Path dir, JsonNode tree) {
        AtomicFiles.write(dir.resolve(RunConfig.FILE), out -> out.write(RunJson.pretty(tree)));
    }

    /** The settings read into {@code type}; a mismatch → {@link RunDirectoryException}. */
    public <T> T config(Class<T> type) {
        try {
            return JsonFields.mapper().treeToValue(config, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String cause = e instanceof JsonProcessingException j ? j.getOriginalMessage()
                    : e.getMessage();
            throw new RunDirectoryException(dir.resolve(RunConfig.FILE).toString(), 0,
                    "cannot read as " + type.getSimpleName() + ": " + cause);
        }
    }

    /** The log to append records to; for an opened run only after {@link #resumeAt}. */
    public MetricsWriter metrics() {
        if (!appendable) {
            throw new IllegalStateException(dir + ": call resumeAt(step) before writing records");
        }
        return metrics;
    }

    /** The directory of the best weights kept on disk ({@link #saveBest}). */
    public static final String BEST = "best";

    /** The run's snapshots. */
    public Snapshots snapshots() {
        return snapshots;
    }

    /** The newest intact snapshot that fits {@code store} (see {@link Snapshots#latest}). */
    public LatestSnapshot latestSnapshot(ParameterStore store) {
        return snapshots.latest(store);
    }

    /**
     * Saves θ and the optimizer state after {@code step} updates (see {@link Snapshots#write});
     * the metrics written so far are forced to disk first, so the log is never behind a snapshot.
     */
    public Snapshot snapshot(long step, ParameterStore store, AtomicFiles.FileContent state) {
        metrics().force();
        return snapshots.write(step, store, state);
    }

    /**
     * Keeps θ as the run's best on dev so far, after {@code step} updates: {@code best/step-<N>.bin} + {@code .json},
     * written as a snapshot (atomically, manifest last) replacing the previous best, so the best weights wait on disk
     * instead of as a second copy of θ in memory.
     */
    public Snapshot saveBest(long step, ParameterStore store) {
        return best.write(step, store, null);
    }

    /** The kept best weights if they are those after {@code step} updates, intact and of {@code store}'s layout. */
    public Optional<Snapshot> best(long step, ParameterStore store) {
        try {
            return best.latest(store).snapshot().filter(s -> s.step() == step);
        } catch (RunDirectoryException e) {
            return Optional.empty();    // damaged or of another layout: the caller replays instead
        }
    }

    /** The trained head's checkpoints ({@code head/}; none unless the run's config has a {@code head}). */
    public HeadCheckpoints heads() {
        return heads;
    }

    /** The replay log: every step line of {@code metrics.jsonl} (see {@link ReplayLog}). */
    public List<ReplayStep> replayLog() {
        return ReplayLog.read(metrics.file());
    }

    /** Writes {@code summary.json} atomically (a record or map; see the schema for its fields). */
    public void writeSummary(Object summary) {
        JsonNode tree = RunJson.object(summary, "the run's summary");
        AtomicFiles.write(dir.resolve(RunSummary.FILE), out -> out.write(RunJson.pretty(tree)));
    }

    /** Forces and closes the metrics file and releases its lock. */
    @Override
    public void close() {
        metrics.close();
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }
}
