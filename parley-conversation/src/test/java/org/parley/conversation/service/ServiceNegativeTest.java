package org.parley.conversation.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.conversation.service.ParleyToParleyConversationTest.ACTION;
import static org.parley.conversation.service.ParleyToParleyConversationTest.CLIENT;
import static org.parley.conversation.service.ParleyToParleyConversationTest.NS;
import static org.parley.conversation.service.ParleyToParleyConversationTest.SERVICE;
import static org.parley.conversation.service.ParleyToParleyConversationTest.doubleIt;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.conversation.client.SecureConversationClient;
import org.parley.conversation.policy.ConversationPolicy;
import org.parley.core.SecretBytes;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.core.store.ReplayCache;
import org.parley.core.store.StoreUnavailableException;
import org.parley.core.store.memory.InMemoryReplayCache;
import org.parley.endpoint.Payloads;
import org.parley.endpoint.SoapHttpClient;
import org.parley.http.ParleyServer;
import org.parley.security.OutboundCredentials;
import org.parley.security.OutboundProtector;
import org.parley.wire.addressing.AddressingHeaders;
import org.parley.wire.addressing.AddressingVersion;
import org.parley.wire.addressing.EndpointReference;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.soap.SoapEnvelopeBuilder;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.xml.Dom;

/** What the service refuses, with which fault, and that it stores nothing for it. */
class ServiceNegativeTest {
  /** A clock the test moves; the service's store and key expiry follow it. */
  static final class MovableClock extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  static final MovableClock CLOCK = new MovableClock();
  static ParleyServer server;
  static SecureConversationService service;
  static SecureConversationService onePerClient;
  static SecureConversationService flakyReplay;
  static final AtomicBoolean REPLAY_DOWN = new AtomicBoolean();

  @BeforeAll
  static void start() throws Exception {
    ConversationPolicy p = ParleyToParleyConversationTest.sc13(true);
    service =
        SecureConversationService.newBuilder()
            .policy(p)
            .serviceKey(SERVICE.key(), SERVICE.cert())
            .clientTrust(ParleyToParleyConversationTest.trust())
            .clock(CLOCK)
            .contextLifetime(Duration.ofMinutes(1))
            .renewalWindow(Duration.ofMinutes(1))
            .wsdlTemplate(ParleyToParleyConversationTest.template("DoubleItSC13.wsdl"))
            .operation(
                ACTION,
                NS + "/DoubleItResponse",
                (payload, caller) -> Payloads.element(NS, "DoubleItResponse", "ok"))
            .build();
    onePerClient =
        SecureConversationService.newBuilder()
            .policy(p)
            .serviceKey(SERVICE.key(), SERVICE.cert())
            .clientTrust(ParleyToParleyConversationTest.trust())
            .maxContextsPerClient(1)
            .wsdlTemplate(ParleyToParleyConversationTest.template("DoubleItSC13.wsdl"))
            .operation(
                ACTION,
                NS + "/DoubleItResponse",
                (payload, caller) -> Payloads.element(NS, "DoubleItResponse", "ok"))
            .build();
    ReplayCache working = InMemoryReplayCache.builder().clock(CLOCK).build();
    flakyReplay =
        SecureConversationService.newBuilder()
            .policy(p)
            .serviceKey(SERVICE.key(), SERVICE.cert())
            .clientTrust(ParleyToParleyConversationTest.trust())
            .replayCache(
                (key, expiresAt) -> {
                  if (REPLAY_DOWN.get()) {
                    throw new StoreUnavailableException("replay cache check failed: test outage");
                  }
                  return working.firstSeen(key, expiresAt);
                })
            .wsdlTemplate(ParleyToParleyConversationTest.template("DoubleItSC13.wsdl"))
            .operation(
                ACTION,
                NS + "/DoubleItResponse",
                (payload, caller) -> Payloads.element(NS, "DoubleItResponse", "ok"))
            .build();
    server =
        ParleyServer.newBuilder()
            .bindAddress("127.0.0.1")
            .port(0)
            .endpoint("/sc13flaky", flakyReplay.endpoint())
            .endpoint("/sc13one", onePerClient.endpoint())
            .endpoint("/sc13", service.endpoint())
            .build()
            .start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static SecureConversationClient client() throws Exception {
    return SecureConversationClient.newBuilder()
        .wsdl(URI.create(server.uri("/sc13") + "?wsdl"))
        .clientKey(CLIENT.key(), CLIENT.cert())
        .serviceCertificate(SERVICE.cert())
        .serviceTrust(ParleyToParleyConversationTest.trust())
        .renewBefore(Duration.ZERO)
        .build();
  }

  /** An application message under context {@code id}, protected as the client would. */
  static byte[] appMessage(String id, SecretBytes secret) throws Exception {
    SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(SoapVersion.SOAP_12);
    AddressingVersion wsa = AddressingVersion.WSA_10;
    AddressingHeaders.newBuilder(wsa)
        .action(ACTION)
        .messageId("urn:uuid:" + UUID.randomUUID())
        .to(server.uri("/sc13").toString())
        .replyTo(EndpointReference.of(wsa.anonymousUri()))
        .build()
        .writeTo(b);
    b.addBodyContent(Dom.importSelfContained(b.document(), doubleIt(1)));
    OutboundProtector p =
        OutboundProtector.newBuilder().policy(service.policy().messagePolicy()).build();
    return p.protect(b.build().document(), OutboundCredentials.securityContext(id, secret)).bytes();
  }

  static FaultCode codeOf(Throwable e) {
    return ((ParleyFault) e).code();
  }

  @Test
  void replayedMessage_refused_replayCacheWcfDefaults_nothingStored() throws Exception {
    SecureConversationClient.Conversation c = client().open();
    var before = service.store().get(c.identifier()).orElseThrow();
    int stored = storedForClient();
    SecretBytes secret = before.value().secret();
    byte[] msg = appMessage(c.identifier(), secret);
    SoapHttpClient http = SoapHttpClient.newBuilder().build();
    URI to = server.uri("/sc13");
    assertThat(http.exchangeBytes(to, SoapVersion.SOAP_12, ACTION, msg)).isNotEmpty();
    // The same bytes again: same signature value inside the replay window.
    assertThatThrownBy(() -> http.exchangeBytes(to, SoapVersion.SOAP_12, ACTION, msg))
        .isInstanceOf(ParleyFault.class)
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(FaultCode.INVALID_SECURITY));
    assertThat(service.store().get(c.identifier()).orElseThrow().version())
        .isEqualTo(before.version());
    assertThat(storedForClient()).isEqualTo(stored);
    assertThat(SecureConversationService.DEFAULT_REPLAY_WINDOW).isEqualTo(Duration.ofMinutes(5));
  }

  /** Issue 5 degraded mode: a replay cache that cannot answer fails closed, then recovers. */
  @Test
  void replayCacheUnavailable_failsClosed_receiverFault_thenRecovers() throws Exception {
    SecureConversationClient client =
        SecureConversationClient.newBuilder()
            .wsdl(URI.create(server.uri("/sc13flaky") + "?wsdl"))
            .clientKey(CLIENT.key(), CLIENT.cert())
            .serviceCertificate(SERVICE.cert())
            .serviceTrust(ParleyToParleyConversationTest.trust())
            .renewBefore(Duration.ZERO)
            .build();
    try (SecureConversationClient.Conversation c = client.open()) {
      assertThat(c.call(ACTION, doubleIt(1))).isNotNull();
      REPLAY_DOWN.set(true);
      try {
        assertThatThrownBy(() -> c.call(ACTION, doubleIt(2)))
            .isInstanceOf(ParleyFault.class)
            .satisfies(e -> assertThat(codeOf(e)).isEqualTo(FaultCode.SOAP_RECEIVER));
      } finally {
        REPLAY_DOWN.set(false);
      }
      assertThat(c.call(ACTION, doubleIt(3))).as("recovered without a restart").isNotNull();
    }
  }

  @Test
  void keyExpired_renewNeeded_thenPastRenewalWindow_badContextToken() throws Exception {
    SecureConversationClient.Conversation c = client().open();
    assertThat(c.call(ACTION, doubleIt(1))).isNotNull();
    Instant start = CLOCK.now.get();
    try {
      // WS-SC 1.3 section 8: key lifetime over, context still renewable -> wsc:RenewNeeded.
      CLOCK.now.set(start.plus(Duration.ofMinutes(1)).plusSeconds(1));
      SecretBytes secret = service.store().get(c.identifier()).orElseThrow().value().secret();
      byte[] msg = appMessage(c.identifier(), secret);
      SoapHttpClient http = SoapHttpClient.newBuilder().build();
      assertThatThrownBy(
              () -> http.exchangeBytes(server.uri("/sc13"), SoapVersion.SOAP_12, ACTION, msg))
          .satisfies(e -> assertThat(codeOf(e)).isEqualTo(FaultCode.SC_RENEW_NEEDED));
      // Past the renewal window the context is gone: wsc:BadContextToken.
      CLOCK.now.set(start.plus(Duration.ofMinutes(2)).plusSeconds(1));
      byte[] msg2 = appMessage(c.identifier(), secret);
      assertThatThrownBy(
              () -> http.exchangeBytes(server.uri("/sc13"), SoapVersion.SOAP_12, ACTION, msg2))
          .satisfies(e -> assertThat(codeOf(e)).isEqualTo(FaultCode.SC_BAD_CONTEXT_TOKEN));
    } finally {
      CLOCK.now.set(Instant.now());
    }
  }

  @Test
  void unknownContext_badContextToken() throws Exception {
    byte[] msg = appMessage("urn:uuid:" + UUID.randomUUID(), SecretBytes.random(32));
    SoapHttpClient http = SoapHttpClient.newBuilder().build();
    assertThatThrownBy(
            () -> http.exchangeBytes(server.uri("/sc13"), SoapVersion.SOAP_12, ACTION, msg))
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(FaultCode.SC_BAD_CONTEXT_TOKEN));
  }

  @Test
  void maxContextsPerClient_isANamedSettingWithWcfLikeDefault() {
    assertThat(SecureConversationService.DEFAULT_MAX_CONTEXTS_PER_CLIENT).isEqualTo(128);
    assertThatThrownBy(() -> SecureConversationService.newBuilder().maxContextsPerClient(0))
        .hasMessageContaining("maxContextsPerClient");
  }

  @Test
  void maxMessageBytes_namedSetting_oversizedRequestFaulted_nothingStored() throws Exception {
    assertThatThrownBy(() -> SecureConversationService.newBuilder().maxMessageBytes(10))
        .hasMessageContaining("maxMessageBytes");
    byte[] big = new byte[(int) SecureConversationService.DEFAULT_MAX_MESSAGE_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    SoapHttpClient http = SoapHttpClient.newBuilder().build();
    var response =
        http.post(
            server.uri("/sc13"),
            SoapVersion.SOAP_12,
            ParleyToParleyConversationTest.sc13(true).version().actionIssueRequest(),
            big);
    assertThat(response.status()).isBetween(400, 599);
  }

  /** An RST/Cancel for {@code target}, signed with keys derived from context {@code signer}. */
  static byte[] cancelSignedWith(String signer, SecretBytes secret, String target)
      throws Exception {
    var v = service.policy().version();
    SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(SoapVersion.SOAP_12);
    AddressingVersion wsa = AddressingVersion.WSA_10;
    AddressingHeaders.newBuilder(wsa)
        .action(v.actionCancelRequest())
        .messageId("urn:uuid:" + UUID.randomUUID())
        .to(server.uri("/sc13").toString())
        .replyTo(EndpointReference.of(wsa.anonymousUri()))
        .build()
        .writeTo(b);
    org.w3c.dom.Document d = b.build().document();
    var rst =
        org.parley.conversation.trust.RequestSecurityToken.newBuilder(
                v, org.parley.conversation.trust.RequestType.CANCEL)
            .target(org.parley.conversation.trust.ContextTokenReference.toIdentifier(target))
            .build();
    SoapEnvelope.of(d)
        .body()
        .appendChild(org.parley.conversation.trust.TrustCodec.strict().writeRequest(d, rst));
    OutboundProtector p =
        OutboundProtector.newBuilder().policy(service.policy().messagePolicy()).build();
    return p.protect(d, OutboundCredentials.securityContext(signer, secret)).bytes();
  }

  @Test
  void cancel_signedWithAnotherContext_refused_targetStays() throws Exception {
    SecureConversationClient.Conversation mine = client().open();
    SecureConversationClient.Conversation victim = client().open();
    SecretBytes myKey = service.store().get(mine.identifier()).orElseThrow().value().secret();
    byte[] msg = cancelSignedWith(mine.identifier(), myKey, victim.identifier());
    SoapHttpClient http = SoapHttpClient.newBuilder().build();
    String action = service.policy().version().actionCancelRequest();
    assertThatThrownBy(
            () -> http.exchangeBytes(server.uri("/sc13"), SoapVersion.SOAP_12, action, msg))
        .isInstanceOf(ParleyFault.class);
    assertThat(service.store().get(victim.identifier())).isPresent();
    assertThat(service.store().get(mine.identifier())).isPresent();
    // Signed with the very context it cancels: accepted (WS-SC 1.3 section 6).
    byte[] own = cancelSignedWith(mine.identifier(), myKey, mine.identifier());
    assertThat(http.exchangeBytes(server.uri("/sc13"), SoapVersion.SOAP_12, action, own))
        .isNotEmpty();
    assertThat(service.store().get(mine.identifier())).isEmpty();
  }

  @Test
  void client_renewsProactively_whenLessThanRenewBeforeIsLeft() throws Exception {
    MovableClock clientClock = new MovableClock();
    SecureConversationClient client =
        SecureConversationClient.newBuilder()
            .wsdl(URI.create(server.uri("/sc13") + "?wsdl"))
            .clientKey(CLIENT.key(), CLIENT.cert())
            .serviceCertificate(SERVICE.cert())
            .serviceTrust(ParleyToParleyConversationTest.trust())
            .clock(clientClock)
            .renewBefore(Duration.ofSeconds(30))
            .build();
    try (SecureConversationClient.Conversation c = client.open()) {
      assertThat(c.call(ACTION, doubleIt(1))).isNotNull();
      long v1 = service.store().get(c.identifier()).orElseThrow().version();
      // 40 s into a 60 s key: under 30 s left, so the next call renews first.
      clientClock.now.set(clientClock.now.get().plusSeconds(40));
      assertThat(c.call(ACTION, doubleIt(2))).isNotNull();
      assertThat(service.store().get(c.identifier()).orElseThrow().version()).isGreaterThan(v1);
    }
  }

  @Test
  void maxContextsPerClient_secondIssueRefused_nothingStored() throws Exception {
    SecureConversationClient client =
        SecureConversationClient.newBuilder()
            .wsdl(URI.create(server.uri("/sc13one") + "?wsdl"))
            .clientKey(CLIENT.key(), CLIENT.cert())
            .serviceCertificate(SERVICE.cert())
            .serviceTrust(ParleyToParleyConversationTest.trust())
            .build();
    try (SecureConversationClient.Conversation first = client.open()) {
      String owner =
          "x509-sha256:"
              + java.util.HexFormat.of()
                  .formatHex(
                      java.security.MessageDigest.getInstance("SHA-256")
                          .digest(CLIENT.cert().getEncoded()));
      assertThat(onePerClient.store().countByOwner(owner)).isEqualTo(1);
      assertThatThrownBy(client::open)
          .isInstanceOf(ParleyFault.class)
          .satisfies(e -> assertThat(codeOf(e)).isEqualTo(FaultCode.TRUST_REQUEST_FAILED));
      assertThat(onePerClient.store().countByOwner(owner)).isEqualTo(1);
    }
  }

  /** The number of contexts the capture client holds at {@code service} (what "stored" means). */
  static int storedForClient() throws Exception {
    String owner =
        "x509-sha256:"
            + java.util.HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-256")
                        .digest(CLIENT.cert().getEncoded()));
    return service.store().countByOwner(owner);
  }

  @Test
  void derivedKeyWithAbsurdLength_invalidSecurity_namesTheLimit_nothingStored() throws Exception {
    SecureConversationClient.Conversation c = client().open();
    var before = service.store().get(c.identifier()).orElseThrow();
    int stored = storedForClient();
    byte[] msg = appMessage(c.identifier(), before.value().secret());
    // The DerivedKeyTokens ask for a 2^31-1 byte key (WS-SC 1.3 section 7 sets no bound).
    String text = new String(msg, java.nio.charset.StandardCharsets.UTF_8);
    String hostile =
        text.replaceAll("<wsc:Length>\\d+</wsc:Length>", "<wsc:Length>2147483647</wsc:Length>");
    assertThat(hostile).contains("<wsc:Length>2147483647</wsc:Length>");
    byte[] bytes = hostile.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    SoapHttpClient http = SoapHttpClient.newBuilder().build();
    assertThatThrownBy(
            () -> http.exchangeBytes(server.uri("/sc13"), SoapVersion.SOAP_12, ACTION, bytes))
        .isInstanceOf(ParleyFault.class)
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(FaultCode.INVALID_SECURITY));
    var after = service.store().get(c.identifier()).orElseThrow();
    assertThat(after.version()).as("context untouched").isEqualTo(before.version());
    assertThat(storedForClient()).isEqualTo(stored);
  }

  @Test
  void messageWithoutTimestamp_invalidSecurity_nothingStored() throws Exception {
    SecureConversationClient.Conversation c = client().open();
    var before = service.store().get(c.identifier()).orElseThrow();
    int stored = storedForClient();
    SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(SoapVersion.SOAP_12);
    AddressingVersion wsa = AddressingVersion.WSA_10;
    AddressingHeaders.newBuilder(wsa)
        .action(ACTION)
        .messageId("urn:uuid:" + UUID.randomUUID())
        .to(server.uri("/sc13").toString())
        .replyTo(EndpointReference.of(wsa.anonymousUri()))
        .build()
        .writeTo(b);
    b.addBodyContent(Dom.importSelfContained(b.document(), doubleIt(1)));
    // Protected as usual but without wsu:Timestamp (WS-SP 1.2 IncludeTimestamp is required).
    OutboundProtector p =
        OutboundProtector.newBuilder()
            .policy(service.policy().messagePolicy().toBuilder().allowMissingTimestamp().build())
            .build();
    byte[] msg =
        p.protect(
                b.build().document(),
                OutboundCredentials.securityContext(c.identifier(), before.value().secret()))
            .bytes();
    assertThat(new String(msg, java.nio.charset.StandardCharsets.UTF_8))
        .doesNotContain("Timestamp");
    SoapHttpClient http = SoapHttpClient.newBuilder().build();
    assertThatThrownBy(
            () -> http.exchangeBytes(server.uri("/sc13"), SoapVersion.SOAP_12, ACTION, msg))
        .isInstanceOf(ParleyFault.class)
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(FaultCode.INVALID_SECURITY));
    assertThat(service.store().get(c.identifier()).orElseThrow().version())
        .isEqualTo(before.version());
    assertThat(storedForClient()).isEqualTo(stored);
  }
}
