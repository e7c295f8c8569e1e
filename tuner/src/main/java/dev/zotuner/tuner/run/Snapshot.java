package dev.zotuner.tuner.run;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.rundir.RunDirectoryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A complete, verified weight snapshot in a run's {@code snapshots/} directory, as found by
 * {@link Snapshots#latest}: θ after {@link #step()} updates, and the optimizer state saved with it.
 * A handle to files; holds no weights in memory.
 */
public final class Snapshot {

    private final SnapshotManifest manifest;
    private final Path manifestFile;
    private final Path weightsFile;
    private final Path stateFile;

    Snapshot(SnapshotManifest manifest, Path manifestFile) {
        this.manifest = manifest;
        this.manifestFile = manifestFile;
        Path dir = manifestFile.getParent();
        this.weightsFile = dir.resolve(manifest.weights());
        this.stateFile = manifest.state() == null ? null : dir.resolve(manifest.state().file());
    }

    /** Updates applied to θ when the snapshot was taken. */
    public long step() {
        return manifest.step();
    }

    /** The sidecar describing the snapshot. */
    public SnapshotManifest manifest() {
        return manifest;
    }

    /** {@code step-<N>.bin}: little-endian float32, the store's flat buffer. */
    public Path weightsFile() {
        return weightsFile;
    }

    /** {@code step-<N>.state}, the optimizer's own file, when it saved one. */
    public Optional<Path> stateFile() {
        return Optional.ofNullable(stateFile);
    }

    /**
     * Overwrites θ in {@code store} with the snapshot, streaming from the file into the store's
     * buffer. A store of another layout → {@link RunDirectoryException} before anything is written;
     * a file changed since it was verified → {@link RunDirectoryException} after (θ is then invalid).
     */
    public void restoreInto(ParameterStore store) {
        manifest.checkLayout(store, manifestFile);
        String sha;
        try {
            sha = WeightsFile.read(weightsFile, store);
        } catch (IOException e) {
            throw new UncheckedIOException(weightsFile + ": cannot read: " + e.getMessage(), e);
        }
        if (!sha.equals(manifest.sha256())) {
            throw new RunDirectoryException(weightsFile.toString(), 0,
                    "changed since it was verified (SHA-256 mismatch); the weights are not usable");
        }
    }

    @Override
    public String toString() {
        return weightsFile.toString();
    }
}
