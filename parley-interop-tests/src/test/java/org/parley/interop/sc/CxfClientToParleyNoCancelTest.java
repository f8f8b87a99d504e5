package org.parley.interop.sc;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.cxf.ws.security.tokenstore.SecurityToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.conversation.service.SecureConversationService;
import org.parley.http.ParleyServer;
import org.parley.interop.cxf.CxfClient;
import org.parley.interop.cxf.Scenario;

/**
 * RequireCancellation=false (WS-SP 1.2 section 5.4.7 MustNotSendCancel): CXF's client ignores the
 * assertion and sends a Cancel anyway; Parley's service refuses it and the context stays usable.
 */
class CxfClientToParleyNoCancelTest {
  static ParleyServer server;
  static SecureConversationService service;

  @BeforeAll
  static void start() throws Exception {
    service = ParleyDoubleItService.builder(Scenario.SC13_NO_CANCEL).build();
    server =
        ParleyServer.newBuilder()
            .bindAddress("127.0.0.1")
            .port(0)
            .endpoint("/sc13nocancel", service.endpoint())
            .build()
            .start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void mustNotSendCancel_cxfCancelRefused_contextStaysUsable() throws Exception {
    assertThat(service.policy().requireCancellation()).isFalse();
    try (CxfClient c = CxfClient.connect(Scenario.SC13_NO_CANCEL, server.uri("/sc13nocancel"))) {
      assertThat(c.doubleIt(21)).isEqualTo(42);
      SecurityToken token = c.currentContextToken().orElseThrow();
      // CXF swallows the refused cancel (it logs "Problem cancelling token").
      assertThat(c.doubleItThenCancel(2)).isEqualTo(4);
      assertThat(service.store().get(token.getId())).as("cancel refused").isPresent();
      assertThat(c.doubleItUnder(token, 3)).isEqualTo(6);
    }
  }
}
