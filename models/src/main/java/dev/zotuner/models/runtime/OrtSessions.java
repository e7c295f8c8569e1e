package dev.zotuner.models.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import dev.zotuner.models.ModelException;
import java.nio.file.Path;

/**
 * Opens ONNX Runtime sessions with the options zo-tuner runs with: all graph optimizations, sequential
 * execution, errors-only logging, one intra-op thread per available processor, and thread spinning off (spinning ORT threads
 * would take CPU from Java's own perturbation passes between runs).
 */
public final class OrtSessions {

    private OrtSessions() {
    }

    /** The process-wide ORT environment (owned by ONNX Runtime; never closed by us). */
    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment();
    }

    /** A session on {@code model}; the caller owns it and closes it after every tensor fed to it. */
    public static OrtSession open(Path model) {
        try (SessionOptions options = options()) {
            return environment().createSession(model.toString(), options);
        } catch (OrtException e) {
            throw new ModelException(model + ": ONNX Runtime cannot load the model (" + ModelException.oneLine(e) + ")", e);
        }
    }

    /** A session on an in-memory model; {@code label} names it in errors. The caller owns the session. */
    public static OrtSession open(byte[] model, String label) {
        try (SessionOptions options = options()) {
            return environment().createSession(model, options);
        } catch (OrtException e) {
            throw new ModelException(label + ": ONNX Runtime cannot load the model (" + ModelException.oneLine(e) + ")", e);
        }
    }

    static SessionOptions options() throws OrtException {
        SessionOptions options = new SessionOptions();
        options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
        options.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setIntraOpNumThreads(Runtime.getRuntime().availableProcessors());
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        options.addConfigEntry("session.inter_op.allow_spinning", "0");
        return options;
    }
}
