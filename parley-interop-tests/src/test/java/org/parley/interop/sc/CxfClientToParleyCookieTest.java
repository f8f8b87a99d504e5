package org.parley.interop.sc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.cxf.ws.security.tokenstore.SecurityToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.conversation.service.ContextMode;
import org.parley.conversation.service.SecureConversationService;
import org.parley.core.keys.KeyRing;
import org.parley.core.keys.RingKey;
import org.parley.http.ParleyServer;
import org.parley.interop.cxf.CxfClient;
import org.parley.interop.cxf.Scenario;
import org.parley.interop.cxf.WireTap;
import org.w3c.dom.Element;

/**
 * Apache CXF's client against Parley's service in cookie mode: CXF keeps the issued SCT (with its
 * {@code dnse:Cookie}) as an opaque element and sends it back in every Security header and inline
 * in its RenewTarget and CancelTarget, which is all a stateless service needs.
 */
class CxfClientToParleyCookieTest {
  static final KeyRing RING =
      KeyRing.of(
          Clock.systemUTC(),
          List.of(
              RingKey.generate(
                  "interop-1",
                  Instant.now().minusSeconds(60),
                  Instant.now().plus(Duration.ofDays(1)))));
  static ParleyServer server;
  static WireTap tap;
  static SecureConversationService sc13;
  static SecureConversationService sc200502;

  @BeforeAll
  static void start() throws Exception {
    sc13 =
        ParleyDoubleItService.builder(Scenario.SC13)
            .contextMode(ContextMode.COOKIE)
            .keyRing(RING)
            .build();
    sc200502 =
        ParleyDoubleItService.builder(Scenario.SC200502)
            .contextMode(ContextMode.COOKIE)
            .keyRing(RING)
            .build();
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

  static boolean carriesCookie(SecurityToken token) {
    Element sct = token.getToken();
    return sct != null
        && sct.getElementsByTagNameNS("http://schemas.microsoft.com/ws/2006/05/security", "Cookie")
                .getLength()
            == 1;
  }

  @ParameterizedTest
  @EnumSource(
      value = Scenario.class,
      names = {"SC13", "SC200502"})
  void cxfClient_cookieMode_issueThreeCallsRenewCancel_thenRefusedWithBadContextToken(Scenario s)
      throws Exception {
    SecureConversationService service = s == Scenario.SC13 ? sc13 : sc200502;
    String path = s == Scenario.SC13 ? "/sc13" : "/sc200502";
    try (CxfClient c = CxfClient.connect(s, tap.address(path))) {
      assertThat(c.doubleIt(21)).isEqualTo(42);
      assertThat(c.doubleIt(5)).isEqualTo(10);
      assertThat(c.doubleIt(6)).isEqualTo(12);
      SecurityToken issued = c.currentContextToken().orElseThrow();
      assertThat(carriesCookie(issued)).as("CXF keeps the SCT with its dnse:Cookie").isTrue();
      assertThat(service.store().get(issued.getId())).as("cookie mode stores nothing").isEmpty();
      // CXF renews under the bootstrap once its token looks expired; RenewTarget carries the SCT.
      c.expireContextNow();
      assertThat(c.doubleIt(3)).isEqualTo(6);
      SecurityToken renewed = c.currentContextToken().orElseThrow();
      assertThat(carriesCookie(renewed)).isTrue();
      assertThat(wireKinds()).contains("rst-renew");
      assertThat(c.doubleItThenCancel(7)).isEqualTo(14);
      assertThat(wireKinds()).contains("rst-cancel");
      assertThat(service.store().get(renewed.getId())).isEmpty();
      assertThat(service.revocations().revokedFrom("sct-cancelled|" + renewed.getId()))
          .as("the cancelled id is remembered until the cookie would expire")
          .isPresent();
      // WS-SC 1.3 section 6: the cancelled context is refused, wsc:BadContextToken on the wire.
      assertThatThrownBy(() -> c.doubleItUnder(renewed, 1)).isInstanceOf(Exception.class);
      List<WireTap.Exchange> wire = tap.exchanges();
      WireTap.Exchange last = wire.get(wire.size() - 1);
      assertThat(last.status()).isBetween(400, 499);
      assertThat(new String(last.response(), StandardCharsets.UTF_8)).contains("BadContextToken");
    }
  }

  static List<String> wireKinds() {
    return tap.exchanges().stream().map(WireTap.Exchange::kind).toList();
  }
}
