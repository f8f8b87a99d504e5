package org.parley.conversation.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.conversation.service.ParleyToParleyConversationTest.ACTION;
import static org.parley.conversation.service.ParleyToParleyConversationTest.CLIENT;
import static org.parley.conversation.service.ParleyToParleyConversationTest.NS;
import static org.parley.conversation.service.ParleyToParleyConversationTest.SERVICE;
import static org.parley.conversation.service.ParleyToParleyConversationTest.doubleIt;

import java.net.URI;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.conversation.client.SecureConversationClient;
import org.parley.conversation.sct.ContextCookieSealer;
import org.parley.conversation.sct.SecurityContextToken;
import org.parley.core.SecretBytes;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.core.keys.KeyRing;
import org.parley.core.keys.RingKey;
import org.parley.core.store.StoredSecurityContext;
import org.parley.core.store.memory.InMemoryRevocationList;
import org.parley.core.testing.MutableClock;
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

/**
 * Key rollover after a renewal (WCF's SessionKeyRolloverInterval) in both context modes, and the
 * session-mode quotas maxPendingSessions and inactivityTimeout, each at its exact boundary.
 */
class RolloverAndQuotaTest {
  static final MutableClock CLOCK = MutableClock.at(Instant.now());
  static final KeyRing RING =
      KeyRing.of(
          Clock.systemUTC(),
          List.of(
              RingKey.generate(
                  "k1",
                  Instant.now().minus(Duration.ofDays(1)),
                  Instant.now().plus(Duration.ofDays(2)))));
  static SecureConversationService session;
  static SecureConversationService cookie;
  static SecureConversationService twoPending;
  static SecureConversationService idle;
  static SecureConversationService idlePending;
  static SecureConversationService sharedStore;
  static ParleyServer server;

  static SecureConversationService.Builder base() throws Exception {
    return SecureConversationService.newBuilder()
        .policy(ParleyToParleyConversationTest.sc13(true))
        .serviceKey(SERVICE.key(), SERVICE.cert())
        .clientTrust(ParleyToParleyConversationTest.trust())
        .clock(CLOCK)
        .wsdlTemplate(ParleyToParleyConversationTest.template("DoubleItSC13.wsdl"))
        .operation(
            ACTION,
            NS + "/DoubleItResponse",
            (payload, caller) -> Payloads.element(NS, "DoubleItResponse", "ok"));
  }

  @BeforeAll
  static void start() throws Exception {
    session = base().inactivityTimeout(Duration.ofHours(1)).build();
    cookie =
        base()
            .contextMode(ContextMode.COOKIE)
            .keyRing(RING)
            .revocationList(InMemoryRevocationList.builder().clock(CLOCK).build())
            .build();
    twoPending = base().maxPendingSessions(2).build();
    idle = base().build();
    idlePending = base().build();
    sharedStore =
        base()
            .store(
                org.parley.core.store.memory.InMemorySecurityContextStore.builder()
                    .clock(CLOCK)
                    .build())
            .build();
    server =
        ParleyServer.newBuilder()
            .bindAddress("127.0.0.1")
            .port(0)
            .endpoint("/session", session.endpoint())
            .endpoint("/cookie", cookie.endpoint())
            .endpoint("/twoPending", twoPending.endpoint())
            .endpoint("/idle", idle.endpoint())
            .endpoint("/idlePending", idlePending.endpoint())
            .endpoint("/sharedStore", sharedStore.endpoint())
            .build()
            .start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void now() {
    CLOCK.set(Instant.now());
  }

  static SecureConversationClient client(String path) throws Exception {
    return SecureConversationClient.newBuilder()
        .wsdl(URI.create(server.uri(path) + "?wsdl"))
        .clientKey(CLIENT.key(), CLIENT.cert())
        .serviceCertificate(SERVICE.cert())
        .serviceTrust(ParleyToParleyConversationTest.trust())
        .clock(CLOCK)
        .build();
  }

  /** An application message under {@code id}'s key {@code secret}, as the client would send it. */
  static byte[] appMessage(String path, OutboundCredentials creds) throws Exception {
    SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(SoapVersion.SOAP_12);
    AddressingVersion wsa = AddressingVersion.WSA_10;
    AddressingHeaders.newBuilder(wsa)
        .action(ACTION)
        .messageId("urn:uuid:" + UUID.randomUUID())
        .to(server.uri(path).toString())
        .replyTo(EndpointReference.of(wsa.anonymousUri()))
        .build()
        .writeTo(b);
    b.addBodyContent(Dom.importSelfContained(b.document(), doubleIt(1)));
    OutboundProtector p =
        OutboundProtector.newBuilder()
            .policy(session.policy().messagePolicy())
            .clock(CLOCK)
            .build();
    return p.protect(b.build().document(), creds).bytes();
  }

  static byte[] send(String path, OutboundCredentials creds) throws Exception {
    return SoapHttpClient.newBuilder()
        .build()
        .exchangeBytes(server.uri(path), SoapVersion.SOAP_12, ACTION, appMessage(path, creds));
  }

  static FaultCode codeOf(Throwable e) {
    return ((ParleyFault) e).code();
  }

  @Test
  void defaults_areWcfs_andSettingsAreNamed() {
    assertThat(SecureConversationService.DEFAULT_KEY_ROLLOVER_INTERVAL)
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(SecureConversationService.DEFAULT_MAX_PENDING_SESSIONS).isEqualTo(128);
    assertThat(SecureConversationService.DEFAULT_INACTIVITY_TIMEOUT)
        .isEqualTo(Duration.ofMinutes(2));
    assertThatThrownBy(() -> SecureConversationService.newBuilder().maxPendingSessions(0))
        .hasMessageContaining("maxPendingSessions");
    assertThatThrownBy(
            () -> SecureConversationService.newBuilder().inactivityTimeout(Duration.ZERO))
        .hasMessageContaining("inactivityTimeout");
    assertThatThrownBy(
            () -> SecureConversationService.newBuilder().keyRolloverInterval(Duration.ZERO))
        .hasMessageContaining("keyRolloverInterval");
  }

  @Test
  void sessionMode_afterRenew_oldKeyAcceptedUntilRolloverInterval_thenBadContextToken()
      throws Exception {
    SecureConversationClient.Conversation c = client("/session").open();
    c.call(ACTION, doubleIt(1));
    SecretBytes oldKey = session.store().get(c.identifier()).orElseThrow().value().secret();
    Instant renewedAt = CLOCK.instant();
    c.renew();
    assertThat(c.token().instance()).as("WS-SC 1.3 section 5: a new Instance").isPresent();
    OutboundCredentials old = OutboundCredentials.securityContext(c.identifier(), oldKey);
    assertThat(send("/session", old)).isNotEmpty();
    CLOCK.set(
        renewedAt.plus(SecureConversationService.DEFAULT_KEY_ROLLOVER_INTERVAL).minusNanos(1));
    assertThat(send("/session", old)).isNotEmpty();
    CLOCK.set(renewedAt.plus(SecureConversationService.DEFAULT_KEY_ROLLOVER_INTERVAL));
    assertThatThrownBy(() -> send("/session", old))
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(FaultCode.SC_BAD_CONTEXT_TOKEN));
    // The new key goes on working.
    assertThat(c.call(ACTION, doubleIt(2))).isNotNull();
    c.close();
    assertThat(session.store().get(c.identifier())).isEmpty();
  }

  @Test
  void cookieMode_afterRenew_oldCookieAcceptedUntilRolloverInterval_thenBadContextToken()
      throws Exception {
    SecureConversationClient.Conversation c = client("/cookie").open();
    c.call(ACTION, doubleIt(1));
    SecurityContextToken first = c.token();
    StoredSecurityContext opened = ContextCookieSealer.create(RING).open(first);
    Instant renewedAt = CLOCK.instant();
    c.renew();
    assertThat(c.token().cookie().orElseThrow()).isNotEqualTo(first.cookie().orElseThrow());
    OutboundCredentials old =
        OutboundCredentials.securityContext(c.identifier(), opened.secret())
            .carryingCookie(first.cookie().orElseThrow());
    assertThat(send("/cookie", old)).isNotEmpty();
    CLOCK.set(
        renewedAt.plus(SecureConversationService.DEFAULT_KEY_ROLLOVER_INTERVAL).minusNanos(1));
    assertThat(send("/cookie", old)).isNotEmpty();
    CLOCK.set(renewedAt.plus(SecureConversationService.DEFAULT_KEY_ROLLOVER_INTERVAL));
    assertThatThrownBy(() -> send("/cookie", old))
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(FaultCode.SC_BAD_CONTEXT_TOKEN));
    assertThat(c.call(ACTION, doubleIt(2))).isNotNull();
    c.close();
  }

  static String ownerKey() throws Exception {
    return "x509-sha256:"
        + HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(CLIENT.cert().getEncoded()));
  }

  @Test
  void maxPendingSessions_oneMoreIssueRefused_requestFailed_nothingStored() throws Exception {
    SecureConversationClient client = client("/twoPending");
    SecureConversationClient.Conversation a = client.open();
    SecureConversationClient.Conversation b = client.open();
    assertThat(twoPending.pendingSessions()).isEqualTo(2);
    int stored = twoPending.store().countByOwner(ownerKey());
    assertThatThrownBy(client::open)
        .isInstanceOf(ParleyFault.class)
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(FaultCode.TRUST_REQUEST_FAILED));
    assertThat(twoPending.store().countByOwner(ownerKey())).isEqualTo(stored);
    assertThat(twoPending.pendingSessions()).isEqualTo(2);
    // The first application message makes a context established: a slot frees.
    a.call(ACTION, doubleIt(1));
    assertThat(twoPending.pendingSessions()).isEqualTo(1);
    SecureConversationClient.Conversation c = client.open();
    a.close();
    b.close();
    c.close();
    assertThat(twoPending.pendingSessions()).isZero();
  }

  @Test
  void inactivityTimeout_contextUnusedThatLong_dropped_badContextToken() throws Exception {
    SecureConversationClient.Conversation c = client("/idle").open();
    c.call(ACTION, doubleIt(1));
    Instant lastUse = CLOCK.instant();
    CLOCK.set(lastUse.plus(SecureConversationService.DEFAULT_INACTIVITY_TIMEOUT).minusNanos(1));
    c.call(ACTION, doubleIt(2));
    Instant secondUse = CLOCK.instant();
    CLOCK.set(secondUse.plus(SecureConversationService.DEFAULT_INACTIVITY_TIMEOUT));
    assertThatThrownBy(() -> c.call(ACTION, doubleIt(3)))
        .isInstanceOf(ParleyFault.class)
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(FaultCode.SC_BAD_CONTEXT_TOKEN));
    assertThat(idle.store().get(c.identifier())).as("dropped from the store").isEmpty();
  }

  @Test
  void inactivityTimeout_pendingContextNeverUsed_droppedAndItsSlotFreed() throws Exception {
    SecureConversationClient client = client("/idlePending");
    SecureConversationClient.Conversation never = client.open();
    assertThat(idlePending.store().get(never.identifier())).isPresent();
    CLOCK.set(CLOCK.instant().plus(SecureConversationService.DEFAULT_INACTIVITY_TIMEOUT));
    // The next issue sweeps: the idle pending context is dropped.
    SecureConversationClient.Conversation next = client.open();
    assertThat(idlePending.store().get(never.identifier())).isEmpty();
    next.call(ACTION, doubleIt(1));
    next.close();
  }

  @Test
  void inactivityTimeout_withAStorePassedIn_neverRemovesAContextOtherNodesMayServe()
      throws Exception {
    SecureConversationClient.Conversation c = client("/sharedStore").open();
    c.call(ACTION, doubleIt(1));
    CLOCK.set(
        CLOCK.instant().plus(SecureConversationService.DEFAULT_INACTIVITY_TIMEOUT.multipliedBy(2)));
    // This node saw no traffic, but in a farm others may have: the context stays.
    assertThat(c.call(ACTION, doubleIt(2))).isNotNull();
    assertThat(sharedStore.store().get(c.identifier())).isPresent();
    c.close();
  }
}
