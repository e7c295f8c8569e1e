package dev.zotuner.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ModelExceptionTest {

    @Test
    void oneLineTakesTheFirstLineOrTheTypeName() {
        assertEquals("first", ModelException.oneLine(new IOException("first\nsecond")));
        assertEquals("NullPointerException", ModelException.oneLine(new NullPointerException()));
    }
}
