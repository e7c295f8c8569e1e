package dev.zotuner.tuner.stability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpectrumFileTest {

    @TempDir
    Path dir;

    @Test
    void readsLinesCommasWhitespaceAndComments() throws IOException {
        Path f = write("# eigenvalues\n12.5\n\n3.1, 0.7 0.02   # tail\n 1e-3,\t0\n");
        assertArrayEquals(new double[] {12.5, 3.1, 0.7, 0.02, 1e-3, 0}, SpectrumFile.readSpectrum(f).eigenvalues());
        assertArrayEquals(new double[] {2, 0.5}, SpectrumFile.readPreconditioner(write("2\n0.5\n")));
    }

    @Test
    void errorsNameFileAndLine() throws IOException {
        Path empty = write("# nothing\n\n");
        assertEquals(empty + ": no eigenvalues (file is empty or only comments)", message(() -> SpectrumFile.readSpectrum(empty)));
        Path text = write("1\n2\nabc\n");
        assertEquals(text + ":3: 'abc' is not a number", message(() -> SpectrumFile.readSpectrum(text)));
        Path negative = write("1, 2\n-0.5\n");
        assertEquals(-0.5, SpectrumFile.readSpectrum(negative).lambdaMin(), "an indefinite H is read as it is");
        Path inf = write("Infinity\n");
        assertEquals(inf + ":1: eigenvalue Infinity is not finite", message(() -> SpectrumFile.readSpectrum(inf)));
        Path zeros = write("0 0\n");
        assertEquals(zeros + ": no eigenvalue is positive (every step size moves θ away or not at all; nothing to bound)",
                message(() -> SpectrumFile.readSpectrum(zeros)));
        Path zeroP = write("1\n0\n");
        assertEquals(zeroP + ":2: preconditioner entry 0 must be > 0", message(() -> SpectrumFile.readPreconditioner(zeroP)));
        Path missing = dir.resolve("missing.txt");
        assertTrue(message(() -> SpectrumFile.readSpectrum(missing)).startsWith(missing + ": cannot read (NoSuchFileException"));
    }

    private Path write(String text) throws IOException {
        Path f = Files.createTempFile(dir, "spec", ".txt");
        Files.writeString(f, text);
        return f;
    }

    private static String message(org.junit.jupiter.api.function.Executable e) {
        String m = assertThrows(IllegalArgumentException.class, e).getMessage();
        assertEquals(1, m.lines().count(), "one-line message: " + m);
        return m;
    }
}
