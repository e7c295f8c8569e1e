package dev.zotuner.tuner.curvature;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class DirectionTest {

    @Test
    void factoriesWrapWithoutCopying() {
        assertEquals(new Direction.Seeded(5), Direction.seeded(5));
        float[] v = {1, 2, 3};
        Direction.Vector d = (Direction.Vector) Direction.vector(v);
        v[1] = 7;
        assertEquals(7, d.flat().get(1)); // a live view: a momentum buffer is read when used
        FloatBuffer b = FloatBuffer.wrap(new float[] {4, 5}).position(1);
        assertEquals(4, ((Direction.Vector) Direction.vector(b)).flat().get(0)); // absolute indexing, position ignored
    }
}
