package dev.zotuner.tuner.train;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Path;

/**
 * Where a run's weights come from (the {@code provenance} object of {@code config.json}, written once the base
 * model is loaded; absent in older runs). Resume, replay and export rebuild θ from the base weights and the
 * (seed, g) log, so they refuse a base model with a different checksum instead of silently producing other weights.
 *
 * @param baseModelSha256 the base model's SHA-256 ({@code dev.zotuner.models.onnx.ModelChecksum}: the .onnx file,
 *                        and its external data if any)
 * @param toolVersion     the zo-tuner version that started the run
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProvenanceConfig(String baseModelSha256, String toolVersion) {

    /** This build's version (also what {@code zo --version} prints). */
    public static final String TOOL_VERSION = "zo-tuner 0.1.0";

    public ProvenanceConfig {
        if (baseModelSha256 == null || !baseModelSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("provenance: base_model_sha256 must be 64 lower-case hex digits, got "
                    + baseModelSha256);
        }
    }

    /** The provenance of a run started now from a base model with this checksum. */
    public static ProvenanceConfig now(String baseModelSha256) {
        return new ProvenanceConfig(baseModelSha256, TOOL_VERSION);
    }

    /**
     * Throws a one-line {@link IllegalArgumentException} naming both checksums unless {@code loaded} is this run's
     * base model; {@code action} says what was refused ("resume", "export").
     */
    public void requireBase(String loaded, String model, Path runDir, String action) {
        if (!baseModelSha256.equals(loaded)) {
            throw new IllegalArgumentException(runDir.resolve("config.json") + ": cannot " + action + ": the run was "
                    + "trained from a base model with SHA-256 " + baseModelSha256 + ", but " + model + " has SHA-256 "
                    + loaded + " (replaying its steps on other weights would give other weights)");
        }
    }
}
