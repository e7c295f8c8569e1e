package dev.zotuner.tuner.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ParameterStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsFileTest {

    @TempDir
    Path dir;

    private Path write(ParameterStore store) throws Exception {
        Path file = dir.resolve("w.bin");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            String sha = WeightsFile.write(store, ch);
            assertEquals(sha, HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        }
        return file;
    }

    @Test
    void writesLittleEndianFloat32InStoreOrderAcrossChunks() throws Exception {
        // more than one 1 MiB chunk, and not a multiple of it
        ParameterStore store = Stores.flat((1 << 18) + 12345, 3);
        Path file = write(store);
        assertEquals(4L * store.size(), Files.size(file));
        float[] fromFile = new float[(int) store.size()];
        ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                .get(fromFile);
        assertArrayEquals(store.snapshot(), fromFile);
    }

    @Test
    void readRestoresEveryBitAndReturnsTheHash() throws Exception {
        ParameterStore source = Stores.flat((1 << 18) + 7, 5);
        Path file = write(source);
        ParameterStore target = Stores.flat((1 << 18) + 7, 6);
        String sha = WeightsFile.read(file, target);
        assertEquals(WeightsFile.sha256(file), sha);
        float[] a = source.snapshot();
        float[] b = target.snapshot();
        for (int i = 0; i < a.length; i++) {
            assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]));
        }
    }

    @Test
    void aFileOfTheWrongLengthIsRefusedBeforeReading() throws Exception {
        Path file = write(Stores.flat(10, 1));
        ParameterStore target = Stores.flat(11, 2);
        float[] before = target.snapshot();
        IOException e = assertThrows(IOException.class, () -> WeightsFile.read(file, target));
        assertTrue(e.getMessage().endsWith("40 bytes, expected 44"), e.getMessage());
        assertArrayEquals(before, target.snapshot());
    }
}
