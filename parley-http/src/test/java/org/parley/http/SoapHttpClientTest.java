package org.parley.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.parley.endpoint.SoapEndpoint;
import org.parley.endpoint.SoapHttpClient;
import org.parley.wire.soap.SoapVersion;

class SoapHttpClientTest {
  @Test
  void connectionRefused_isConnectException() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    SoapHttpClient client = SoapHttpClient.newBuilder().build();
    URI uri = URI.create("http://127.0.0.1:" + port + "/x");
    assertThatThrownBy(
            () ->
                client.call(
                    uri, SoapVersion.SOAP_12, DoubleItFixture.ACTION, DoubleItFixture.request(1)))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void maxResponseBytes_boundsTheResponseBody() throws Exception {
    // 2 * 2^29 has 10 digits; a reply of ~300 bytes is over a 100 byte bound.
    try (ParleyServer server =
        ParleyServer.newBuilder()
            .port(0)
            .endpoint("/d", SoapEndpoint.of(DoubleItFixture.operations()))
            .build()
            .start()) {
      SoapHttpClient tiny = SoapHttpClient.newBuilder().maxResponseBytes(100).build();
      assertThatThrownBy(
              () ->
                  tiny.call(
                      server.uri("/d"),
                      SoapVersion.SOAP_12,
                      DoubleItFixture.ACTION,
                      DoubleItFixture.request(1 << 29)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("maxResponseBytes=100");
    }
  }

  @Test
  void builder_refusesNonPositiveTimeouts() {
    assertThatThrownBy(() -> SoapHttpClient.newBuilder().requestTimeout(java.time.Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requestTimeout");
    assertThat(SoapHttpClient.newBuilder().build()).isNotNull();
  }
}
