package dev.zotuner.tuner.run;

import java.util.List;
import java.util.Optional;

/**
 * The newest intact snapshot of a run, and why newer ones were passed over.
 *
 * @param snapshot the snapshot to resume from; empty when the run has none
 * @param warnings one line per skipped snapshot (file and cause), newest first; for the caller to
 *                 show, e.g. {@code zo: warning: runs/a/snapshots/step-300.bin: SHA-256 mismatch}
 */
public record LatestSnapshot(Optional<Snapshot> snapshot, List<String> warnings) {

    public LatestSnapshot {
        warnings = List.copyOf(warnings);
        if (snapshot.isEmpty() && !warnings.isEmpty()) {
            throw new IllegalArgumentException("snapshots were skipped but none was chosen: "
                    + warnings.get(0));
        }
    }
}
