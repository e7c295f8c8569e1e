package dev.zotuner.models.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import dev.zotuner.models.onnx.TokenInput;
import dev.zotuner.models.tokenizer.TokenBatch;
import java.nio.LongBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The INT64 {@code [batch, seq]} token inputs a graph takes, built from a {@link TokenBatch}, and a sliced head's read
 * positions ({@link HeadFeed}).
 */
final class TokenTensors {

    private TokenTensors() {
    }

    /** New tensors by graph input name; the caller owns and closes them. */
    static Map<String, OnnxTensor> of(List<TokenInput> inputs, TokenBatch batch, HeadFeed head) throws OrtException {
        Map<String, OnnxTensor> out = new LinkedHashMap<>();
        long[] shape = {batch.size(), batch.length()};
        try {
            for (TokenInput t : inputs) {
                out.put(t.onnxName(), OnnxTensor.createTensor(OrtSessions.environment(), LongBuffer.wrap(values(t, batch)), shape));
            }
            if (head.sliced()) {
                out.put(head.input(), head.tensor(batch));
            }
        } catch (OrtException | RuntimeException e) {
            out.values().forEach(OnnxTensor::close);
            throw e;
        }
        return out;
    }

    static long[] values(TokenInput input, TokenBatch batch) {
        return switch (input) {
            case INPUT_IDS -> batch.ids();
            case ATTENTION_MASK -> batch.attentionMask();
            case TOKEN_TYPE_IDS -> batch.typeIds();
            case POSITION_IDS -> batch.positionIds();
        };
    }
}
