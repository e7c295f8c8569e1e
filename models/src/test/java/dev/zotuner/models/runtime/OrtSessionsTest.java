package dev.zotuner.models.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.zotuner.models.testing.TinyModels;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrtSessionsTest {

    @Test
    void spinningIsOffAndSessionsOpen(@TempDir Path tmp) throws OrtException {
        try (OrtSession.SessionOptions options = OrtSessions.options()) {
            Map<String, String> config = options.getConfigEntries();
            assertEquals("0", config.get("session.intra_op.allow_spinning"));
            assertEquals("0", config.get("session.inter_op.allow_spinning"));
        }
        assertSame(OrtSessions.environment(), OrtSessions.environment());
        try (OrtSession s = OrtSessions.open(TinyModels.mlm(tmp).resolve("model.onnx"))) {
            assertEquals(Set.of("logits"), s.getOutputNames());
        }
    }
}
