package dev.zotuner.tuner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TiedCopiesTest {

    @TempDir
    Path tmp;

    /** Writes a [rows, cols] tensor; value (r, c) = f(r, c). */
    private WeightCensus.Tensor tensor(String name, int rows, int cols, java.util.function.IntBinaryOperator f) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(rows * cols * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                b.putFloat(f.applyAsInt(r, c));
            }
        }
        Path file = Files.write(tmp.resolve(name), b.array());
        return new WeightCensus.Tensor(name, new long[] {rows, cols}, file, 0);
    }

    @Test
    void findsTransposesAndCopiesButNotLookAlikes() throws Exception {
        WeightCensus.Tensor embed = tensor("embed", 512, 64, (r, c) -> r * 1000 + c);
        WeightCensus.Tensor head = tensor("head", 64, 512, (r, c) -> c * 1000 + r);
        WeightCensus.Tensor copy = tensor("copy", 512, 64, (r, c) -> r * 1000 + c);
        WeightCensus.Tensor other = tensor("other", 64, 512, (r, c) -> c * 1000 + r + 1);
        WeightCensus.Tensor small = tensor("small", 8, 8, (r, c) -> r * 1000 + c);
        TiedCopies t = TiedCopies.find(List.of(embed, head, copy, other, small));
        assertEquals(2, t.count());
        assertEquals(2L * 512 * 64, t.values());
        assertEquals(0, TiedCopies.find(List.of(embed, other)).count());
    }
}
