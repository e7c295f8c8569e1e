package dev.zotuner.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StandaloneMasterTest {

    @Test
    void parsesOneOrSeveralMastersAndOnlyStandaloneUrls() {
        StandaloneMaster m = StandaloneMaster.of("spark://a:7077,b:7078").orElseThrow();
        assertEquals(List.of(InetSocketAddress.createUnresolved("a", 7077), InetSocketAddress.createUnresolved("b", 7078)),
                m.addresses());
        assertEquals(Optional.empty(), StandaloneMaster.of("yarn"));
        assertEquals("--master spark://a:x: expected spark://host:port, got 'a:x'",
                assertThrows(IllegalArgumentException.class, () -> StandaloneMaster.of("spark://a:x")).getMessage());
    }

    @Test
    void aMasterAcceptingConnectionsIsReachableOneThatRefusesIsNamed() throws Exception {
        try (ServerSocket open = new ServerSocket(0)) {
            StandaloneMaster.of("spark://127.0.0.1:1,127.0.0.1:" + open.getLocalPort()).orElseThrow().requireReachable(2_000);
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String url = "spark://127.0.0.1:" + closed;
        ClusterException e = assertThrows(ClusterException.class,
                () -> StandaloneMaster.of(url).orElseThrow().requireReachable(2_000));
        assertTrue(e.getMessage().startsWith("master " + url + " unreachable (127.0.0.1:" + closed + ": Connection refused"),
                e.getMessage());
    }
}
