package dev.zotuner.models.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import dev.zotuner.models.ReadPositions;
import dev.zotuner.models.onnx.HeadSlice;
import dev.zotuner.models.onnx.PreparedModel;
import dev.zotuner.models.tokenizer.TokenBatch;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;

/**
 * What a sliced head ({@link HeadSlice}) is fed besides the tokens: each row's read position as the INT64
 * {@code [batch, 1, 1]} input {@link HeadSlice#INPUT}, a function of the token ids like the other token inputs (so the
 * frozen-prefix cache, keyed by the ids, stays valid). A masked LM's row without a mask token is fed position 0; the
 * head reading it reports the missing mask as it always did ({@link dev.zotuner.models.Readout}).
 *
 * @param input the graph input fed, or empty when the graph computes every position
 * @param reads the positions read, or null when nothing is sliced
 */
public record HeadFeed(String input, ReadPositions reads) {

    /** A graph computing every position: nothing to feed. */
    public static final HeadFeed NONE = new HeadFeed("", null);

    public HeadFeed {
        if (!input.isEmpty() && reads == null) {
            throw new IllegalArgumentException("a sliced head needs the positions it reads");
        }
    }

    /** What {@code model}'s session graph needs: {@code reads} if its head is sliced, else nothing. */
    public static HeadFeed of(PreparedModel model, ReadPositions reads) {
        if (model.head().isEmpty()) {
            return NONE;
        }
        if (reads == null || reads.kind() != model.kind()) {
            throw new IllegalArgumentException(model.files().onnx() + ": its head is sliced for a " + model.kind().label()
                    + " and needs that model's read positions, got " + (reads == null ? "none" : reads.kind().label()));
        }
        return new HeadFeed(HeadSlice.INPUT, reads);
    }

    /** Whether the graph computes one position per row. */
    public boolean sliced() {
        return !input.isEmpty();
    }

    /** The position fed for each row of {@code batch} (a row without a mask token: 0). */
    public int[] positions(TokenBatch batch) {
        int[] positions = reads.of(batch);
        for (int r = 0; r < positions.length; r++) {
            positions[r] = Math.max(positions[r], 0);
        }
        return positions;
    }

    /** The {@link #input} tensor of {@code batch}; the caller owns and closes it. */
    OnnxTensor tensor(TokenBatch batch) throws OrtException {
        int[] positions = positions(batch);
        long[] values = new long[positions.length];
        for (int r = 0; r < values.length; r++) {
            values[r] = positions[r];
        }
        return OnnxTensor.createTensor(OrtSessions.environment(), LongBuffer.wrap(values), new long[] {values.length, 1, 1});
    }

    /** Positions held per row of an output of {@code batch}: 1 when sliced, else the padded length. */
    int seq(TokenBatch batch) {
        return sliced() ? 1 : batch.length();
    }

    /** {@code data} as the output of {@code batch}, {@code width} values per position held. */
    OutputView view(FloatBuffer data, TokenBatch batch, int width) {
        return new OutputView(data, batch.size(), seq(batch), width, sliced() ? positions(batch) : null);
    }
}
