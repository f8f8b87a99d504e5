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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.conversation.client.SecureConversationClient;
import org.parley.conversation.sct.ContextCookieSealer;
import org.parley.conversation.sct.SecurityContextToken;
import org.parley.conversation.trust.TrustVersion;
import org.parley.core.SecretBytes;
import org.parley.core.claims.ClaimTypes;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.claims.ClaimsPrincipal;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.core.keys.KeyRing;
import org.parley.core.keys.RingKey;
import org.parley.core.store.RevocationList;
import org.parley.core.store.StoredSecurityContext;
import org.parley.core.store.memory.InMemoryRevocationList;
import org.parley.endpoint.Payloads;
import org.parley.endpoint.SoapEndpoint;
import org.parley.endpoint.SoapHttpClient;
import org.parley.endpoint.WsdlProvider;
import org.parley.http.ParleyServer;
import org.parley.security.OutboundCredentials;
import org.parley.security.OutboundProtector;
import org.parley.wire.Ns;
import org.parley.wire.addressing.AddressingHeaders;
import org.parley.wire.addressing.AddressingVersion;
import org.parley.wire.addressing.EndpointReference;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.soap.SoapEnvelopeBuilder;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.xml.Dom;

/**
 * Cookie mode ({@link ContextMode#COOKIE}): the context travels sealed in the SCT, the service
 * stores nothing per context, and any instance holding the same key ring accepts it.
 */
class CookieModeTest {
  static final KeyRing RING =
      KeyRing.of(
          Clock.systemUTC(),
          List.of(
              RingKey.generate(
                  "k1", Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)))));
  static final RevocationList FARM_REVOCATIONS =
      InMemoryRevocationList.builder().clock(Clock.systemUTC()).build();
  static SecureConversationService nodeA;
  static SecureConversationService nodeB;
  static final AtomicInteger served = new AtomicInteger();
  static ParleyServer server;

  static SecureConversationService node(RevocationList revocations) throws Exception {
    return SecureConversationService.newBuilder()
        .policy(ParleyToParleyConversationTest.sc13(true))
        .contextMode(ContextMode.COOKIE)
        .keyRing(RING)
        .revocationList(revocations)
        .serviceKey(SERVICE.key(), SERVICE.cert())
        .clientTrust(ParleyToParleyConversationTest.trust())
        .wsdlTemplate(ParleyToParleyConversationTest.template("DoubleItSC13.wsdl"))
        .operation(
            ACTION,
            NS + "/DoubleItResponse",
            (payload, caller) -> {
              long n = Long.parseLong(Payloads.requireChildText(payload, NS, "numberToDouble"));
              return Payloads.element(
                  NS, "DoubleItResponse", Payloads.element(NS, "doubledNumber", 2 * n));
            })
        .build();
  }

  @BeforeAll
  static void start() throws Exception {
    // Two instances of a farm: same ring, each its own (empty) context store; only the
    // revocation list is shared, as a farm would share it.
    nodeA = node(FARM_REVOCATIONS);
    nodeB = node(FARM_REVOCATIONS);
    SoapEndpoint farm =
        SoapEndpoint.newBuilder()
            .handler(
                req -> (served.getAndIncrement() % 2 == 0 ? nodeA : nodeB).handler().handle(req))
            .understands(new QName(Ns.WSSE, "Security"))
            .wsdl(WsdlProvider.rewritingAddress(nodeA.wsdl().orElseThrow()))
            .build();
    server =
        ParleyServer.newBuilder()
            .bindAddress("127.0.0.1")
            .port(0)
            .endpoint("/farm", farm)
            .endpoint("/a", nodeA.endpoint())
            .build()
            .start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static SecureConversationClient client(String path) throws Exception {
    return SecureConversationClient.newBuilder()
        .wsdl(URI.create(server.uri(path) + "?wsdl"))
        .clientKey(CLIENT.key(), CLIENT.cert())
        .serviceCertificate(SERVICE.cert())
        .serviceTrust(ParleyToParleyConversationTest.trust())
        .build();
  }

  static long result(org.w3c.dom.Element e) throws ParleyFault {
    return Long.parseLong(Payloads.requireChildText(e, NS, "doubledNumber"));
  }

  static FaultCode codeOf(Throwable e) {
    return ((ParleyFault) e).code();
  }

  @Test
  void cookieMode_issueCallsRenewCancel_acrossTwoInstancesSharingTheRing_nothingStored()
      throws Exception {
    SecureConversationClient client = client("/farm");
    SecureConversationClient.Conversation c = client.open();
    SecurityContextToken issued = c.token();
    assertThat(issued.isCookie()).as("the issued SCT carries dnse:Cookie").isTrue();
    for (int i = 1; i <= 3; i++) {
      assertThat(result(c.call(ACTION, doubleIt(i)))).isEqualTo(2L * i);
    }
    c.renew();
    SecurityContextToken renewed = c.token();
    assertThat(renewed.identifier()).isEqualTo(issued.identifier());
    assertThat(renewed.instance()).isPresent();
    assertThat(renewed.cookie().orElseThrow()).isNotEqualTo(issued.cookie().orElseThrow());
    assertThat(result(c.call(ACTION, doubleIt(4)))).isEqualTo(8);
    assertThat(result(c.call(ACTION, doubleIt(5)))).isEqualTo(10);
    c.close();
    // Both nodes served (round robin) and neither stored the context.
    assertThat(served.get()).isGreaterThanOrEqualTo(8);
    assertThat(nodeA.store().get(issued.identifier())).isEmpty();
    assertThat(nodeB.store().get(issued.identifier())).isEmpty();
    assertThat(nodeA.pendingSessions()).isZero();
    assertThat(FARM_REVOCATIONS.revokedFrom("sct-cancelled|" + issued.identifier())).isPresent();
  }

  @Test
  void cookieMode_messageAfterCancel_badContextToken_onEveryInstance() throws Exception {
    SecureConversationClient client = client("/farm");
    SecureConversationClient.Conversation c = client.open();
    assertThat(result(c.call(ACTION, doubleIt(1)))).isEqualTo(2);
    SecurityContextToken token = c.token();
    StoredSecurityContext opened = ContextCookieSealer.create(RING).open(token);
    byte[] cookie = token.cookie().orElseThrow();
    // Before the cancel the same cookie and key are accepted (positive control).
    assertThat(send(appMessage(opened, cookie), "/a")).isNotEmpty();
    // The owner cancels under the bootstrap (the form CXF sends, the cookie inline in the target).
    client.cancel(c.identifier());
    for (String path : List.of("/a", "/farm", "/farm")) {
      assertThatThrownBy(() -> send(appMessage(opened, cookie), path))
          .as(path)
          .isInstanceOf(ParleyFault.class)
          .satisfies(e -> assertThat(codeOf(e)).isEqualTo(FaultCode.SC_BAD_CONTEXT_TOKEN));
    }
    assertThat(nodeA.store().get(c.identifier())).isEmpty();
  }

  @Test
  void cookieMode_cancelByIdentifierOnly_refused_theTargetMustCarryTheCookie() throws Exception {
    SecureConversationClient.Conversation c = client("/farm").open();
    // Another client object knows only the Identifier: a stateless service cannot resolve it.
    assertThatThrownBy(() -> client("/farm").cancel(c.identifier()))
        .isInstanceOf(ParleyFault.class)
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(FaultCode.SC_BAD_CONTEXT_TOKEN));
    assertThat(FARM_REVOCATIONS.revokedFrom("sct-cancelled|" + c.identifier())).isEmpty();
    assertThat(result(c.call(ACTION, doubleIt(3)))).isEqualTo(6);
    c.close();
  }

  // ------------------------------------------------------------------ hostile cookies

  static StoredSecurityContext context(Instant now, Duration life) {
    return StoredSecurityContext.builder()
        .contextId("urn:uuid:" + UUID.randomUUID())
        .secret(SecretBytes.random(32))
        .ownerKey("x509-sha256:test")
        .lifetime(now.minus(Duration.ofHours(1)), now.plus(life))
        .keyLifetime(now.minus(Duration.ofHours(1)), now.plus(life))
        .principal(
            ClaimsPrincipal.of(
                ClaimsIdentity.builder()
                    .authenticationType("X509")
                    .addClaim(ClaimTypes.NAME, "CN=test")
                    .build()))
        .build();
  }

  /** An application message to node A under context {@code c}, carrying {@code cookie}. */
  static byte[] appMessage(StoredSecurityContext c, byte[] cookie) throws Exception {
    SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(SoapVersion.SOAP_12);
    AddressingVersion wsa = AddressingVersion.WSA_10;
    AddressingHeaders.newBuilder(wsa)
        .action(ACTION)
        .messageId("urn:uuid:" + UUID.randomUUID())
        .to(server.uri("/a").toString())
        .replyTo(EndpointReference.of(wsa.anonymousUri()))
        .build()
        .writeTo(b);
    b.addBodyContent(Dom.importSelfContained(b.document(), doubleIt(21)));
    OutboundProtector p =
        OutboundProtector.newBuilder().policy(nodeA.policy().messagePolicy()).build();
    return p.protect(
            b.build().document(),
            OutboundCredentials.securityContext(c.contextId(), c.secret()).carryingCookie(cookie))
        .bytes();
  }

  static byte[] send(byte[] msg) throws Exception {
    return send(msg, "/a");
  }

  static byte[] send(byte[] msg, String path) throws Exception {
    return SoapHttpClient.newBuilder()
        .build()
        .exchangeBytes(server.uri(path), SoapVersion.SOAP_12, ACTION, msg);
  }

  static byte[] seal(KeyRing ring, StoredSecurityContext c) {
    return ContextCookieSealer.create(ring)
        .token(TrustVersion.WS_TRUST_13, null, c)
        .cookie()
        .orElseThrow();
  }

  @Test
  void cookieSealedWithTheRing_accepted_positiveControlForTheHostileCases() throws Exception {
    StoredSecurityContext c = context(Instant.now(), Duration.ofHours(1));
    assertThat(send(appMessage(c, seal(RING, c)))).isNotEmpty();
    assertThat(nodeA.store().get(c.contextId())).isEmpty();
  }

  @Test
  void tamperedCookie_badContextToken_nothingStored() throws Exception {
    StoredSecurityContext c = context(Instant.now(), Duration.ofHours(1));
    byte[] cookie = seal(RING, c);
    cookie[cookie.length / 2] ^= 0x01;
    assertThatThrownBy(() -> send(appMessage(c, cookie)))
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(FaultCode.SC_BAD_CONTEXT_TOKEN));
    assertThat(nodeA.store().get(c.contextId())).isEmpty();
  }

  @Test
  void cookieOfAForeignRing_badContextToken() throws Exception {
    KeyRing foreign =
        KeyRing.of(
            Clock.systemUTC(),
            List.of(
                RingKey.generate(
                    "k1", Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)))));
    StoredSecurityContext c = context(Instant.now(), Duration.ofHours(1));
    assertThatThrownBy(() -> send(appMessage(c, seal(foreign, c))))
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(FaultCode.SC_BAD_CONTEXT_TOKEN));
  }

  @Test
  void expiredCookie_badContextToken() throws Exception {
    StoredSecurityContext c = context(Instant.now(), Duration.ofSeconds(-1).plusMillis(2));
    Thread.sleep(5);
    assertThatThrownBy(() -> send(appMessage(c, seal(RING, c))))
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(FaultCode.SC_BAD_CONTEXT_TOKEN));
  }

  @Test
  void cookieOfAnotherContext_underThisIdentifier_badContextToken() throws Exception {
    StoredSecurityContext c = context(Instant.now(), Duration.ofHours(1));
    StoredSecurityContext other = context(Instant.now(), Duration.ofHours(1));
    // The cookie is bound to its Identifier (associated data): moved under another, it fails.
    assertThatThrownBy(() -> send(appMessage(c, seal(RING, other))))
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(FaultCode.SC_BAD_CONTEXT_TOKEN));
  }

  @Test
  void cookieMode_withoutKeyRing_refusedAtBuild() {
    assertThatThrownBy(
            () ->
                SecureConversationService.newBuilder()
                    .policy(ParleyToParleyConversationTest.sc13(true))
                    .contextMode(ContextMode.COOKIE)
                    .serviceKey(SERVICE.key(), SERVICE.cert())
                    .clientTrust(ParleyToParleyConversationTest.trust())
                    .operation(ACTION, ACTION + "Response", (p, c) -> p)
                    .build())
        .hasMessageContaining("keyRing");
  }
}
