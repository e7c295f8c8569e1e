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
 * execution, errors-only logging, and one process-wide intra-op thread pool (a thread per available processor,
 * spinning off) that every session shares. Spinning ORT threads would take CPU from Java's own perturbation
 * passes between runs; one shared pool keeps a model run as a chain of stage sessions on the same warm threads
 * as a model run in one session (with a pool per session, each stage woke its own threads).
 */
public final class OrtSessions {

    private OrtSessions() {
    }

    /** Created on first use, with the global thread pool; the JVM's only ORT environment. */
    private static final class Global {
        static final OrtEnvironment ENVIRONMENT = create();

        private static OrtEnvironment create() {
            try (OrtEnvironment.ThreadingOptions threads = new OrtEnvironment.ThreadingOptions()) {
                threads.setGlobalIntraOpNumThreads(Runtime.getRuntime().availableProcessors());
                threads.setGlobalInterOpNumThreads(1);
                threads.setGlobalSpinControl(false);
                return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "zo-tuner", threads);
            } catch (OrtException e) {
                throw new ModelException("cannot start ONNX Runtime (" + ModelException.oneLine(e) + ")", e);
            }
        }
    }

    /** The process-wide ORT environment (owned by ONNX Runtime; never closed by us). */
    public static OrtEnvironment environment() {
        return Global.ENVIRONMENT;
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
        return open(model, null, label);
    }

    /**
     * A session on an in-memory model whose external data (frozen weights referenced in place) lives in
     * {@code weights}, a directory: ONNX Runtime reads (or maps) them from there itself, once, as it would for the
     * original file. {@code label} names the model in errors. The caller owns the session.
     */
    public static OrtSession open(byte[] model, Path weights, String label) {
        return open(model, weights, label, true);
    }

    /**
     * As {@link #open(byte[], Path, String)}; {@code arena} false gives the session no memory arena of its own, for a
     * model run as many sessions: each arena keeps its session's peak activations for good, so a model run as one
     * session per block (MeZO-BCD) held one peak per block (RoBERTa-large shape: 5.1 GB against 2.4 GB whole), while
     * one or two sessions run about a quarter faster with theirs.
     */
    public static OrtSession open(byte[] model, Path weights, String label, boolean arena) {
        try (SessionOptions options = options()) {
            if (!arena) {
                options.setCPUArenaAllocator(false);
            }
            if (weights != null) {
                options.addConfigEntry("session.model_external_initializers_file_folder_path",
                        weights.toAbsolutePath().normalize().toString());
            }
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
        options.disablePerSessionThreads();     // the environment's pool: Runtime.availableProcessors() threads
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        options.addConfigEntry("session.inter_op.allow_spinning", "0");
        return options;
    }
}
