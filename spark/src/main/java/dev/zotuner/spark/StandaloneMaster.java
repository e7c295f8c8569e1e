package dev.zotuner.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.DeployMessages;
import org.apache.spark.deploy.master.Master;
import org.apache.spark.deploy.master.WorkerInfo;
import org.apache.spark.rpc.RpcEndpointAddress;
import org.apache.spark.rpc.RpcEndpointRef;
import org.apache.spark.rpc.RpcTimeout;
import scala.concurrent.duration.FiniteDuration;
import scala.reflect.ClassTag$;

/**
 * A Spark standalone master, {@code spark://host:port} (or {@code spark://h1:p1,h2:p2} with standby masters): whether
 * it can be reached at all ({@link #requireReachable}), and what it says about its workers ({@link #view}, the
 * master's own state message, as its web UI reads it).
 *
 * @param url       the master URL
 * @param addresses its host:port pairs
 */
public record StandaloneMaster(String url, List<InetSocketAddress> addresses) {

    public StandaloneMaster {
        addresses = List.copyOf(addresses);
    }

    /** The standalone master {@code url} names; empty for any other master. Bad host:port → {@link IllegalArgumentException}. */
    public static Optional<StandaloneMaster> of(String url) {
        if (!url.startsWith("spark://")) {
            return Optional.empty();
        }
        List<InetSocketAddress> out = new ArrayList<>();
        for (String hostPort : url.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            int port;
            try {
                port = colon < 1 ? -1 : Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("--master " + url + ": expected spark://host:port, got '" + hostPort + "'");
            }
            out.add(InetSocketAddress.createUnresolved(hostPort.substring(0, colon), port));
        }
        return Optional.of(new StandaloneMaster(url, out));
    }

    /**
     * Connects to each address in turn; none accepting a connection within {@code timeoutMillis} →
     * {@link ClusterException} naming the master and the first address's cause (before Spark would retry for a minute).
     */
    public void requireReachable(int timeoutMillis) {
        String first = null;
        for (InetSocketAddress a : addresses) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(a.getHostString(), a.getPort()), timeoutMillis);
                return;
            } catch (IOException e) {
                if (first == null) {
                    first = a.getHostString() + ":" + a.getPort() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                            : e.getMessage());
                }
            }
        }
        throw new ClusterException("master " + url + " unreachable (" + first + ")");
    }

    /**
     * Asks the first master that answers for its state and reduces it to its workers (what their sizes say survives
     * the trip; executors and applications do not); empty when no master answers in {@code timeoutSeconds} or the
     * answer is not one this Spark version understands.
     */
    public Optional<MasterView> view(SparkEnv env, int timeoutSeconds) {
        RpcTimeout timeout = new RpcTimeout(FiniteDuration.apply(timeoutSeconds, TimeUnit.SECONDS), "zo: master state");
        for (InetSocketAddress a : addresses) {
            try {
                String uri = new RpcEndpointAddress(a.getHostString(), a.getPort(), Master.ENDPOINT_NAME()).toString();
                RpcEndpointRef master = timeout.awaitResult(env.rpcEnv().asyncSetupEndpointRefByURI(uri));
                DeployMessages.MasterStateResponse state = master.askSync(DeployMessages.RequestMasterState$.MODULE$,
                        timeout, ClassTag$.MODULE$.apply(DeployMessages.MasterStateResponse.class));
                return Optional.of(reduce(state));
            } catch (Exception | LinkageError e) {     // Spark's awaits throw the checked SparkException
                // a standby master, a timeout, or another Spark version's messages: try the next, else no view
            }
        }
        return Optional.empty();
    }

    private static MasterView reduce(DeployMessages.MasterStateResponse state) {
        List<MasterView.Worker> workers = new ArrayList<>();
        for (WorkerInfo w : state.workers()) {
            workers.add(new MasterView.Worker(w.host(), w.isAlive(), w.cores(), w.memory()));
        }
        return new MasterView(workers);
    }
}
