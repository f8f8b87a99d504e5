package org.parley.interop.cxf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.xml.ws.soap.SOAPFaultException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.cxf.ws.security.tokenstore.SecurityToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.security.PeerConversation;
import org.parley.security.TestKeys;
import org.parley.security.VerifiedMessage;
import org.parley.wire.xml.Dom;
import org.w3c.dom.Element;

/**
 * Live CXF 4.1.5 client -> CXF 4.1.5 service for each secured WSDL of the peer captures, every byte
 * recorded on the wire, and every recorded message then verified and decrypted by Parley's
 * InboundProcessor. One CXF service (every scenario's endpoint on one port) is shared by the class;
 * each scenario's plain conversation runs once and its recording is shared by the tests.
 */
class CxfSecureConversationInteropTest {
  private static final int CALLS = 3;

  private static CxfService service;
  private static final Map<Scenario, Recording> RECORDINGS = new ConcurrentHashMap<>();

  /** What one CXF client conversation returned and sent. */
  record Recording(List<Integer> results, List<WireTap.Exchange> wire, int callsServed) {}

  @BeforeAll
  static void startService() throws Exception {
    service = CxfService.start(Scenario.values());
  }

  @AfterAll
  static void stopService() {
    if (service != null) {
      service.close();
    }
  }

  /**
   * Runs (once per scenario) a CXF client through a tap: DoubleIt(21) x3, the last one with CXF's
   * cancel flag under secure conversation, then close.
   */
  private static synchronized Recording recording(Scenario s) throws Exception {
    Recording r = RECORDINGS.get(s);
    if (r != null) {
      return r;
    }
    int servedBefore = service.implementation(s).calls();
    List<Integer> results = new ArrayList<>();
    List<WireTap.Exchange> wire;
    try (WireTap tap = WireTap.start(service.base())) {
      try (CxfClient client = CxfClient.connect(s, tap.address(s.path()))) {
        for (int i = 0; i < CALLS - 1; i++) {
          results.add(client.doubleIt(21));
        }
        // CXF 4.1.5 cancels only on request, after the response of the flagged call.
        results.add(s.secureConversation() ? client.doubleItThenCancel(21) : client.doubleIt(21));
      }
      wire = tap.exchanges();
    }
    // Kept for people: target/cxf-wire/<scenario>/ in the peer-captures layout.
    WireTap.write(wire, Path.of("target", "cxf-wire", s.captureName()));
    r = new Recording(results, wire, service.implementation(s).calls() - servedBefore);
    RECORDINGS.put(s, r);
    return r;
  }

  private static List<String> kinds(Recording r) {
    return kinds(r.wire());
  }

  @ParameterizedTest
  @EnumSource(
      value = Scenario.class,
      names = {"SC13", "SC200502", "SC13_NO_CANCEL", "X509", "PLAIN"})
  void cxfClientToCxfService_doubleIt21_returns42_threeTimes(Scenario s) throws Exception {
    Recording r = recording(s);

    assertThat(r.results()).containsExactly(42, 42, 42);
    assertThat(r.callsServed()).isEqualTo(CALLS);
    assertThat(r.wire()).allSatisfy(e -> assertThat(e.status()).isEqualTo(200));
  }

  @ParameterizedTest
  @EnumSource(
      value = Scenario.class,
      names = {"SC13", "SC200502"})
  void cxfClient_secureConversation_issuesOnce_thenCallsUnderTheContext_thenCancelsWhenAsked(
      Scenario s) throws Exception {
    Recording r = recording(s);

    assertThat(kinds(r)).containsExactly("rst-sct", "app", "app", "app", "rst-cancel");
  }

  @Test
  void cxfIgnoresMustNotSendCancel_clientCancelsAndServiceAcceptsTheCancel() throws Exception {
    Scenario s = Scenario.SC13_NO_CANCEL;
    assertThat(Files.readString(s.wsdlPath(), StandardCharsets.UTF_8))
        .contains("<sp:MustNotSendCancel/>");
    Recording r = recording(s);

    // WS-SP 1.2 section 5.4.7: with MustNotSendCancel the initiator must not send a cancel.
    assertThat(kinds(r)).containsExactly("rst-sct", "app", "app", "app", "rst-cancel");
    WireTap.Exchange cancel = r.wire().get(r.wire().size() - 1);
    assertThat(cancel.status()).isEqualTo(200);
    assertThat(new String(cancel.response(), StandardCharsets.UTF_8))
        .contains("RequestedTokenCancelled");
  }

  @ParameterizedTest
  @EnumSource(
      value = Scenario.class,
      names = {"X509", "PLAIN"})
  void cxfClient_withoutSecureConversation_sendsOnlyApplicationMessages(Scenario s)
      throws Exception {
    Recording r = recording(s);

    assertThat(kinds(r)).containsExactly("app", "app", "app");
  }

  @ParameterizedTest
  @EnumSource(
      value = Scenario.class,
      names = {"SC13", "SC200502", "SC13_NO_CANCEL", "X509"})
  void parleyInboundProcessor_verifiesAndDecrypts_everyMessageCxfSentLive(Scenario s)
      throws Exception {
    Recording r = recording(s);
    PeerConversation parley = new PeerConversation(s.captureName());
    List<Integer> requested = new ArrayList<>();
    List<Integer> answered = new ArrayList<>();

    for (int i = 0; i < r.wire().size(); i++) {
      WireTap.Exchange e = r.wire().get(i);
      VerifiedMessage request = parley.process(e.requestName(i), e.request());
      VerifiedMessage response = parley.process(e.responseName(i), e.response());
      if (e.kind().equals("app")) {
        requested.add(intIn(request.body(), "DoubleIt", "numberToDouble"));
        answered.add(intIn(response.body(), "DoubleItResponse", "doubledNumber"));
      }
    }

    // What Parley read out of the verified, decrypted bodies is what CXF sent and answered.
    assertThat(requested).containsExactly(21, 21, 21);
    assertThat(answered).containsExactly(42, 42, 42);
    assertThat(parley.knownContexts()).isEqualTo(s.secureConversation() ? 1 : 0);
  }

  @ParameterizedTest
  @EnumSource(
      value = Scenario.class,
      names = {"SC13", "SC200502"})
  void cxfService_afterCancel_refusesTheCancelledContext_withGenericSecurityFaultAndHttp500(
      Scenario s) throws Exception {
    int servedBefore = service.implementation(s).calls();
    List<WireTap.Exchange> wire;
    SecurityToken cancelled;
    try (WireTap tap = WireTap.start(service.base());
        CxfClient client = CxfClient.connect(s, tap.address(s.path()))) {
      assertThat(client.doubleIt(21)).isEqualTo(42);
      cancelled = client.currentContextToken().orElseThrow();
      assertThat(client.doubleItThenCancel(21)).isEqualTo(42);
      assertThatThrownBy(() -> client.doubleItUnder(cancelled, 21))
          .isInstanceOf(SOAPFaultException.class);
      wire = tap.exchanges();
    }
    WireTap.write(wire, Path.of("target", "cxf-wire", s.captureName() + "-after-cancel"));

    assertThat(kinds(wire)).containsExactly("rst-sct", "app", "app", "rst-cancel", "app");
    assertThat(service.implementation(s).calls() - servedBefore).isEqualTo(2);
    WireTap.Exchange after = wire.get(wire.size() - 1);
    String request = new String(after.request(), StandardCharsets.UTF_8);
    assertThat(request).contains(cancelled.getId());
    // The refused request is sound: Parley verifies and decrypts it with the cancelled context's
    // secret, so CXF refused it only because the context is gone.
    PeerConversation parley = new PeerConversation(s.captureName());
    for (int i = 0; i < wire.size() - 1; i++) {
      parley.process(wire.get(i).requestName(i), wire.get(i).request());
      parley.process(wire.get(i).responseName(i), wire.get(i).response());
    }
    VerifiedMessage refused = parley.process(after.requestName(wire.size() - 1), after.request());
    assertThat(intIn(refused.body(), "DoubleIt", "numberToDouble")).isEqualTo(21);
    // CXF quirk: HTTP 500 with WSS4J's generic fault (subcode {http://ws.apache.org/wss4j}
    // SecurityError), not wsc:BadContextToken, the WS-SC fault for a context that is not known.
    assertThat(after.status()).isEqualTo(500);
    String fault = new String(after.response(), StandardCharsets.UTF_8);
    assertThat(fault).contains("SecurityError").doesNotContain("BadContextToken");
  }

  /**
   * Renewal: the client's context expires (on the client's side, see {@link
   * CxfClient#expireContextNow()}), the next call makes CXF renew first; Parley verifies every
   * message, with the renewed secret after the renew.
   */
  @ParameterizedTest
  @EnumSource(
      value = Scenario.class,
      names = {"SC13", "SC200502"})
  void cxfClient_renewsItsExpiredContext_thenCallsAndCancels_andParleyVerifiesEveryMessage(
      Scenario s) throws Exception {
    List<Integer> results = new ArrayList<>();
    List<WireTap.Exchange> wire;
    try (WireTap tap = WireTap.start(service.base());
        CxfClient client = CxfClient.connect(s, tap.address(s.path()))) {
      results.add(client.doubleIt(21));
      client.expireContextNow();
      results.add(client.doubleIt(21));
      results.add(client.doubleItThenCancel(21));
      wire = tap.exchanges();
    }
    WireTap.write(wire, Path.of("target", "cxf-wire", s.captureName() + "-renew"));

    assertThat(results).containsExactly(42, 42, 42);
    List<String> kinds = wire.stream().map(WireTap.Exchange::kind).toList();
    assertThat(kinds).containsExactly("rst-sct", "app", "rst-renew", "app", "app", "rst-cancel");
    assertThat(wire).allSatisfy(e -> assertThat(e.status()).isEqualTo(200));

    PeerConversation parley = new PeerConversation(s.captureName() + "-renew");
    int answered = 0;
    for (int i = 0; i < wire.size(); i++) {
      WireTap.Exchange e = wire.get(i);
      parley.process(e.requestName(i), e.request());
      VerifiedMessage response = parley.process(e.responseName(i), e.response());
      if (e.kind().equals("app")) {
        String doubled =
            Dom.text(
                Dom.child(
                    Dom.child(response.body(), DoubleIt.NS, "DoubleItResponse"),
                    DoubleIt.NS,
                    "doubledNumber"));
        assertThat(doubled.trim()).isEqualTo("42");
        answered++;
      }
    }
    assertThat(answered).isEqualTo(3);
  }

  /**
   * The peer is not permissive: a CXF service whose only trust anchor is its own certificate (not
   * the CA that issued the client's) refuses the client, and nothing reaches the implementation.
   */
  @Test
  void cxfService_refusesAClientCertificateItsTrustAnchorsDoNotCover() throws Exception {
    Scenario s = Scenario.X509;
    CxfSecurity.Keys trustsOnlyItself =
        new CxfSecurity.Keys(
            TestKeys.SERVICE.key(),
            TestKeys.SERVICE.cert(),
            TestKeys.SERVICE.cert(),
            TestKeys.SERVICE.cert());
    try (CxfService strict = CxfService.start(trustsOnlyItself, s);
        CxfClient client = CxfClient.connect(s, strict.address(s))) {
      assertThatThrownBy(() -> client.doubleIt(21)).isInstanceOf(SOAPFaultException.class);
      assertThat(strict.implementation(s).calls()).isZero();
    }
  }

  private static List<String> kinds(List<WireTap.Exchange> wire) {
    return wire.stream().map(WireTap.Exchange::kind).toList();
  }

  private static int intIn(Element body, String wrapper, String field) {
    Element w = Dom.child(body, DoubleIt.NS, wrapper);
    assertThat(w).as(wrapper).isNotNull();
    return Integer.parseInt(Dom.text(Dom.child(w, DoubleIt.NS, field)).trim());
  }
}
