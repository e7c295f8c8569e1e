package dev.zotuner.tuner.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.tuner.rundir.JsonFields;
import java.util.List;
import java.util.Optional;

/**
 * Where to cut {@code metrics.jsonl} when a run resumes at step N: after the longest prefix of
 * complete lines whose {@code step} is at most N. Everything from the first line with a larger step
 * on was written after the snapshot being resumed and would be written again, so it goes; so does
 * a final line cut short by a kill. A final line that is complete JSON but lacks only its newline is
 * kept and given one.
 *
 * @param keepBytes  length of the file after the cut
 * @param addNewline whether the last kept line needs its {@code \n}
 * @param keptLines  non-blank lines kept
 * @param droppedLines non-blank lines dropped (including a partial final line)
 */
record LogTruncation(long keepBytes, boolean addNewline, int keptLines, int droppedLines) {

    LogTruncation {
        if (keepBytes < 0 || keptLines < 0 || droppedLines < 0) {
            throw new IllegalArgumentException("negative truncation " + keepBytes + "/" + keptLines
                    + "/" + droppedLines);
        }
    }

    /**
     * The cut for resuming at {@code step}. A complete line that is not a JSON object with an
     * integer {@code step} → {@link dev.zotuner.tuner.rundir.RunDirectoryException} at
     * {@code file:line}: the log is damaged, and nothing is cut.
     */
    static LogTruncation plan(List<LogLine> lines, long step, String file) {
        ObjectMapper mapper = JsonFields.mapper();
        long keep = 0;
        boolean addNewline = false;
        int kept = 0;
        int index = 0;
        for (; index < lines.size(); index++) {
            LogLine line = lines.get(index);
            if (line.blank()) {
                keep = line.terminated() ? line.end() : keep;
                continue;
            }
            Optional<JsonFields> fields = line.parse(mapper, file);
            if (fields.isEmpty() || fields.get().integer("step") > step) {
                break;
            }
            keep = line.end();
            addNewline = !line.terminated();
            kept++;
        }
        int dropped = 0;
        for (int i = index; i < lines.size(); i++) {
            if (!lines.get(i).blank()) {
                dropped++;
            }
        }
        return new LogTruncation(keep, addNewline, kept, dropped);
    }
}
