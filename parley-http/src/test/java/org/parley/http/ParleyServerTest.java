package org.parley.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.parley.endpoint.SoapEndpoint;
import org.parley.endpoint.SoapHttpClient;
import org.parley.wire.soap.SoapVersion;

class ParleyServerTest {
  private static final SoapEndpoint ENDPOINT = SoapEndpoint.of(DoubleItFixture.operations());

  @Test
  void defaultBindAddress_isLoopback() throws Exception {
    try (ParleyServer server =
        ParleyServer.newBuilder().port(0).endpoint("/a", ENDPOINT).build().start()) {
      assertThat(server.port()).isPositive();
      assertThat(server.uri("/a"))
          .isEqualTo(URI.create("http://127.0.0.1:" + server.port() + "/a"));
    }
  }

  @Test
  void portInUse_isBindExceptionNamingThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      ParleyServer server = ParleyServer.newBuilder().port(port).endpoint("/a", ENDPOINT).build();
      assertThatThrownBy(server::start)
          .isInstanceOf(BindException.class)
          .hasMessage("port " + port + " on 127.0.0.1 is in use");
    }
  }

  @Test
  void close_stopsListening_andIsIdempotent() throws Exception {
    ParleyServer server =
        ParleyServer.newBuilder().port(0).endpoint("/a", ENDPOINT).build().start();
    URI uri = server.uri("/a");
    server.close();
    server.close();
    SoapHttpClient client = SoapHttpClient.newBuilder().build();
    assertThatThrownBy(
            () ->
                client.call(
                    uri, SoapVersion.SOAP_12, DoubleItFixture.ACTION, DoubleItFixture.request(1)))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void malformedHttp_isJettys400_withoutStackOrServerName() throws Exception {
    try (ParleyServer server =
        ParleyServer.newBuilder().port(0).endpoint("/a", ENDPOINT).build().start()) {
      for (String request :
          new String[] {
            "POST /a HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n", "GARBAGE\r\n\r\n"
          }) {
        try (java.net.Socket socket =
            new java.net.Socket(InetAddress.getLoopbackAddress(), server.port())) {
          socket.setSoTimeout(30_000);
          socket
              .getOutputStream()
              .write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          String response =
              new String(
                  socket.getInputStream().readAllBytes(),
                  java.nio.charset.StandardCharsets.ISO_8859_1);
          assertThat(response).startsWith("HTTP/1.1 400");
          assertThat(response)
              .doesNotContain("\tat ")
              .doesNotContain("Exception")
              .doesNotContainIgnoringCase("Server: Jetty");
        }
      }
    }
  }

  @Test
  void builder_refusesBadSettings() {
    assertThatThrownBy(() -> ParleyServer.newBuilder().port(65536))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port");
    assertThatThrownBy(() -> ParleyServer.newBuilder().port(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ParleyServer.newBuilder().endpoint("services/x", ENDPOINT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("endpoint path");
    assertThatThrownBy(() -> ParleyServer.newBuilder().endpoint("/x/*", ENDPOINT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> ParleyServer.newBuilder().endpoint("/x", ENDPOINT).endpoint("/x", ENDPOINT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two endpoints");
    assertThatThrownBy(() -> ParleyServer.newBuilder().build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ParleyServer.newBuilder().bindAddress("example.org"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("IP literal");
    assertThatThrownBy(() -> SoapEndpoint.newBuilder().maxMessageBytes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxMessageBytes");
  }
}
