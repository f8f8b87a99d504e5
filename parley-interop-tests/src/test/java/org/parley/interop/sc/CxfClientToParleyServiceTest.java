package org.parley.interop.sc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.cxf.ws.security.tokenstore.SecurityToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.conversation.service.SecureConversationService;
import org.parley.http.ParleyServer;
import org.parley.interop.cxf.CxfClient;
import org.parley.interop.cxf.Scenario;
import org.parley.interop.cxf.WireTap;

/**
 * Apache CXF's client against Parley's {@link SecureConversationService} on loopback, for WS-SC 1.3
 * (asymmetric X.509 bootstrap) and February 2005 (EncryptedKey + endorsing certificate).
 */
class CxfClientToParleyServiceTest {
  static ParleyServer server;
  static WireTap tap;
  static SecureConversationService sc13;
  static SecureConversationService sc200502;

  @BeforeAll
  static void start() throws Exception {
    sc13 = ParleyDoubleItService.builder(Scenario.SC13).build();
    sc200502 = ParleyDoubleItService.builder(Scenario.SC200502).build();
    server =
        ParleyServer.newBuilder()
            .bindAddress("127.0.0.1")
            .port(0)
            .endpoint("/sc13", sc13.endpoint())
            .endpoint("/sc200502", sc200502.endpoint())
            .build()
            .start();
    tap = WireTap.start(server.uri("/"));
  }

  @AfterAll
  static void stop() {
    if (tap != null) {
      tap.close();
    }
    if (server != null) {
      server.close();
    }
  }

  static URI uri(Scenario s) {
    return tap.address(s == Scenario.SC13 ? "/sc13" : "/sc200502");
  }

  void issueThreeCallsCancel_thenRefused(Scenario s) throws Exception {
    try (CxfClient c = CxfClient.connect(s, uri(s))) {
      assertThat(c.doubleIt(21)).isEqualTo(42);
      assertThat(c.doubleIt(5)).isEqualTo(10);
      SecurityToken token = c.currentContextToken().orElseThrow();
      SecureConversationService service = s == Scenario.SC13 ? sc13 : sc200502;
      assertThat(service.store().get(token.getId())).as("context issued and stored").isPresent();
      assertThat(c.doubleItThenCancel(7)).isEqualTo(14);
      // CXF's cancel (protected under the bootstrap policy by the owner) removed the context.
      assertThat(service.store().get(token.getId())).as("context cancelled").isEmpty();
      // After Cancel (WS-SC 1.3 section 6) the context is gone: a call under it is the fault
      // wsc:BadContextToken (section 8), read from the wire since CXF does not surface the code.
      assertThatThrownBy(() -> c.doubleItUnder(token, 1)).isInstanceOf(Exception.class);
      assertThat(lastFault()).contains("BadContextToken");
    }
  }

  /** The response body of the last exchange on the tap (a fault, with its subcode). */
  static String lastFault() {
    List<WireTap.Exchange> wire = tap.exchanges();
    WireTap.Exchange last = wire.get(wire.size() - 1);
    assertThat(last.status()).as("a client's mistake is not a 500").isBetween(400, 499);
    return new String(last.response(), StandardCharsets.UTF_8);
  }

  @Test
  void sc13_issueThreeCallsCancel_callAfterCancelRefused() throws Exception {
    issueThreeCallsCancel_thenRefused(Scenario.SC13);
  }

  @Test
  void sc200502_issueThreeCallsCancel_callAfterCancelRefused() throws Exception {
    issueThreeCallsCancel_thenRefused(Scenario.SC200502);
  }

  void renew(Scenario s) throws Exception {
    try (CxfClient c = CxfClient.connect(s, uri(s))) {
      assertThat(c.doubleIt(21)).isEqualTo(42);
      String id = c.currentContextToken().orElseThrow().getId();
      var before = (s == Scenario.SC13 ? sc13 : sc200502).store().get(id).orElseThrow().version();
      c.expireContextNow();
      assertThat(c.doubleIt(3)).isEqualTo(6);
      // WS-SC 1.3 section 5: the same context, a new key (the store entry was replaced).
      assertThat((s == Scenario.SC13 ? sc13 : sc200502).store().get(id).orElseThrow().version())
          .isGreaterThan(before);
      assertThat(c.doubleIt(4)).isEqualTo(8);
    }
  }

  @Test
  void sc13_renewAfterClientSideExpiry_callsContinue() throws Exception {
    renew(Scenario.SC13);
  }

  @Test
  void sc200502_renewAfterClientSideExpiry_callsContinue() throws Exception {
    renew(Scenario.SC200502);
  }
}
