package io.crmhub.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** The embedded default's fixed ports: a listener refuses the start, a connection that just closed does not. */
class EmbeddedPortCheckTest {

    @Test
    void aPortSomeoneListensOnIsRefusedWithTheSettingToChange() throws Exception {
        try (ServerSocket listener = new ServerSocket()) {
            listener.setReuseAddress(true); // as PostgreSQL and Kafka bind: the check must still see the listener
            listener.bind(new InetSocketAddress("localhost", 0));
            assertThatThrownBy(() -> EmbeddedInfrastructure.requireFreePort(listener.getLocalPort(), "hub.embedded.x"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + listener.getLocalPort() + " is already in use")
                    .hasMessageContaining("hub.embedded.x");
        }
    }

    /** Stop a hub and start it again at once: its closed connections are in TIME_WAIT, nothing listens. */
    @Test
    void aPortWhoseConnectionsLingerInTimeWaitIsFree() throws Exception {
        int port;
        try (ServerSocket listener = new ServerSocket()) {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress("localhost", 0));
            port = listener.getLocalPort();
            try (Socket client = new Socket("localhost", port); Socket served = listener.accept()) {
                served.close(); // the server side closes first: its end of the connection goes to TIME_WAIT
                try (InputStream in = client.getInputStream()) {
                    in.read(); // end of stream: the close reached the client
                }
            }
        }
        assertThatCode(() -> EmbeddedInfrastructure.requireFreePort(port, "hub.embedded.x")).doesNotThrowAnyException();
    }
}
