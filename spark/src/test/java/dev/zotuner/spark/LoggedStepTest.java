package dev.zotuner.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zotuner.tuner.optim.ProjectedGradient;
import dev.zotuner.tuner.optim.StepLog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoggedStepTest {

    @Test
    void keepsWhatReplayNeedsThroughJavaSerialisation() throws Exception {
        StepLog log = new StepLog(3, 1e-3, -1, 1, List.of(new ProjectedGradient(11, 0.5, 1, 2),
                new ProjectedGradient(-12, -0.25, 3, 4)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(LoggedStep.of(log));
        }
        LoggedStep back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (LoggedStep) in.readObject();
        }
        StepLog replayed = back.toStepLog();
        assertEquals(3, replayed.step());
        assertEquals(1e-3, replayed.lr());
        assertEquals(-1, replayed.block());
        assertEquals(1, replayed.accepted());
        assertEquals(List.of(11L, -12L), replayed.directions().stream().map(ProjectedGradient::seed).toList());
        assertEquals(List.of(0.5, -0.25), replayed.directions().stream().map(ProjectedGradient::g).toList());
        assertEquals(Double.NaN, replayed.directions().get(0).lossPlus());
    }
}
