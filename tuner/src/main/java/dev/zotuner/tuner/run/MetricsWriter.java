package dev.zotuner.tuner.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zotuner.tuner.rundir.CurvatureRecord;
import dev.zotuner.tuner.rundir.EvalRecord;
import dev.zotuner.tuner.rundir.StepRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Appends records to a run's {@code metrics.jsonl} (schema: {@code docs/run-directory.md}), one
 * JSON object per line, each handed to the operating system as soon as it is written, so a killed
 * run loses at most the line being written. {@link #force()} makes the lines durable (the run
 * directory does so before every snapshot). Non-finite numbers are written as {@code null};
 * optional fields that are NaN are left out.
 *
 * <p>The {@code "type":"step"} lines double as the replay log: with {@code seed}, {@code
 * projected_grad}, {@code lr} and the optimizer's own fields they determine θ from the base model
 * (see {@link dev.zotuner.tuner.rundir.ReplayLog}).
 *
 * <p>Holds an exclusive lock on the file while open, so two processes cannot write one run. Owned by
 * its {@link RunDirectory}; closed with it. Thread-safe.
 */
public final class MetricsWriter implements AutoCloseable {

    /** Types with a fixed schema, written only through their typed methods. */
    private static final Set<String> TYPED = Set.of("step", "eval", "curvature");

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private MetricsWriter(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Opens {@code file} for appending, creating it if missing, and locks it. */
    static MetricsWriter open(Path file) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new IllegalStateException(file + ": is being written by another process "
                        + "(is the run still going?)");
            }
            return new MetricsWriter(file, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException(file + ": cannot open for appending: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** The file written. */
    public Path file() {
        return file;
    }

    /**
     * A {@code "type":"step"} line: the record's fields, the step's perturbation {@code seed}, and
     * the optimizer's {@code extras} for exact replay (e.g. {@code block}, {@code accepted}, the
     * {@code directions} of n-SPSA), written after the fixed fields with keys sorted.
     */
    public void step(StepRecord record, long seed, Map<String, ?> extras) {
        stepLine(record, seed, extras);
    }

    /**
     * A {@code "type":"step"} line of an update that drew no random direction (exact gradient
     * descent on an analytic objective): no {@code seed}, so the line cannot be replayed.
     */
    public void step(StepRecord record, Map<String, ?> extras) {
        stepLine(record, null, extras);
    }

    private void stepLine(StepRecord record, Long seed, Map<String, ?> extras) {
        ObjectNode line = start("step", record.step());
        if (seed != null) {
            line.put("seed", seed.longValue());
        }
        RunJson.putNumber(line, "loss_plus", record.lossPlus());
        RunJson.putNumber(line, "loss_minus", record.lossMinus());
        RunJson.putNumber(line, "projected_grad", record.projectedGrad());
        RunJson.putNumber(line, "lr", record.lr());
        RunJson.putNumber(line, "seconds", record.seconds());
        RunJson.putOptional(line, "center_loss", record.centerLoss());
        RunJson.putOptional(line, "trace_sample", record.traceSample());
        RunJson.putOptional(line, "trace_running", record.traceRunning());
        RunJson.putOptional(line, "train_seconds", record.trainSeconds());
        putExtras(line, extras, StepRecord.LINE_FIELDS);
        write(line);
    }

    /** An {@code "type":"eval"} line. */
    public void eval(EvalRecord record) {
        ObjectNode line = start("eval", record.step());
        line.put("split", record.split());
        RunJson.putNumber(line, "accuracy", record.accuracy());
        RunJson.putNumber(line, "macro_f1", record.macroF1());
        RunJson.putNumber(line, "loss", record.loss());
        write(line);
    }

    /** A {@code "type":"curvature"} line. */
    public void curvature(CurvatureRecord record) {
        ObjectNode line = start("curvature", record.step());
        RunJson.putNumber(line, "trace", record.trace());
        RunJson.putNumber(line, "trace_se", record.traceSe());
        RunJson.putNumber(line, "trace_ci_low", record.ciLow());
        RunJson.putNumber(line, "trace_ci_high", record.ciHigh());
        line.put("probes", record.probes());
        RunJson.putOptional(line, "trace_sq", record.traceSq());
        RunJson.putOptional(line, "lambda_max", record.lambdaMax());
        RunJson.putNumber(line, "lr", record.lr());
        RunJson.putNumber(line, "threshold", record.threshold());
        RunJson.putNumber(line, "stability_s", record.stabilityS());
        write(line);
    }

    /**
     * A {@code "type":"curvature"} line from a map of fields (the estimator's full record, e.g.
     * {@code dev.zotuner.tuner.curvature.CurvatureMeasurement#toMap()}, which has the reader's fields and more).
     */
    public void curvature(long step, Map<String, ?> fields) {
        ObjectNode line = start("curvature", step);
        Map<String, Object> rest = new TreeMap<>(fields);
        rest.remove("type");
        rest.remove("step");
        putExtras(line, rest, Set.of());
        write(line);
    }

    /**
     * A line of another {@code type} (readers that do not know it skip it), e.g.
     * {@code append("lr_change", 300, Map.of("lr", 5e-7))}. The typed lines ({@code step},
     * {@code eval}, {@code curvature}) go through their own methods.
     */
    public void append(String type, long step, Map<String, ?> fields) {
        if (type == null || type.isBlank() || TYPED.contains(type)) {
            throw new IllegalArgumentException("metrics line type '" + type + "' must be non-blank "
                    + "and not one of " + TYPED + " (use their methods)");
        }
        ObjectNode line = start(type, step);
        putExtras(line, fields, Set.of("type", "step"));
        write(line);
    }

    /** Forces every line written so far to the storage device. */
    public synchronized void force() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot sync: " + e.getMessage(), e);
        }
    }

    /**
     * Cuts the file for resuming at {@code step} (see {@link LogTruncation}) before anything is
     * appended, and forces the cut to disk.
     */
    synchronized LogTruncation truncateAfter(long step) {
        LogTruncation cut = LogTruncation.plan(LogLine.read(file), step, file.toString());
        try {
            channel.truncate(cut.keepBytes());
            if (cut.addNewline()) {
                writeFully(new byte[] {'\n'});
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot truncate: " + e.getMessage(), e);
        }
        return cut;
    }

    @Override
    public synchronized void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            channel.force(false);
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot close: " + e.getMessage(), e);
        }
    }

    private static ObjectNode start(String type, long step) {
        if (step < 0) {
            throw new IllegalArgumentException("metrics line '" + type + "': negative step " + step);
        }
        ObjectNode line = RunJson.newObject();
        line.put("type", type);
        line.put("step", step);
        return line;
    }

    private static void putExtras(ObjectNode line, Map<String, ?> extras, Set<String> reserved) {
        for (Map.Entry<String, ?> e : new TreeMap<String, Object>(extras).entrySet()) {
            if (reserved.contains(e.getKey())) {
                throw new IllegalArgumentException("metrics field '" + e.getKey()
                        + "' is set by the writer; give it another name");
            }
            line.set(e.getKey(), e.getValue() == null ? line.nullNode() : RunJson.tree(e.getValue()));
        }
    }

    private synchronized void write(ObjectNode line) {
        try {
            writeFully(RunJson.line(line));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot append: " + e.getMessage(), e);
        }
    }

    private void writeFully(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }
}
