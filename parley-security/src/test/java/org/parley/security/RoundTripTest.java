package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.core.SecretBytes;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.w3c.dom.Element;

/**
 * Issue 2 acceptance: for every WS-SP 1.2 section 6.1 suite and every protection order (WS-SP 1.2
 * section 6.3, with and without section 6.4 EncryptSignature), Parley protects and Parley verifies,
 * with derived keys from a 32-byte context secret and with X.509; tampering a signed byte, a cipher
 * byte or the timestamp fails with the right fault code.
 */
class RoundTripTest {
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final SecretBytes SECRET = SecretBytes.copyOf(new byte[32]);
  static final String SCT_ID = "uuid:0b6c1d9c-7c1e-4b6e-9a61-6f7f8c2f2b11";

  static final AlgorithmSuite[] SUITES = {
    AlgorithmSuite.BASIC128,
    AlgorithmSuite.BASIC192,
    AlgorithmSuite.BASIC256,
    AlgorithmSuite.BASIC128_SHA256,
    AlgorithmSuite.BASIC256_SHA256,
    AlgorithmSuite.BASIC256.toBuilder()
        .name("Basic256Gcm")
        .dataEncryption(DataEncryption.AES256_GCM)
        .build(),
    AlgorithmSuite.BASIC128.toBuilder()
        .name("Basic128Gcm")
        .dataEncryption(DataEncryption.AES128_GCM)
        .build()
  };

  enum Order {
    SIGN_THEN_ENCRYPT,
    SIGN_THEN_ENCRYPT_SIGNATURE,
    ENCRYPT_THEN_SIGN
  }

  static Stream<Arguments> matrix() {
    List<Arguments> out = new ArrayList<>();
    for (AlgorithmSuite s : SUITES) {
      for (Order o : Order.values()) {
        out.add(Arguments.of(s, o, true));
        out.add(Arguments.of(s, o, false));
      }
    }
    return out.stream();
  }

  static SecurityPolicy policy(AlgorithmSuite suite, Order order, boolean context) {
    SecurityPolicy.Builder b =
        SecurityPolicy.newBuilder()
            .algorithmSuite(suite)
            .binding(context ? SecurityPolicy.Binding.SYMMETRIC : SecurityPolicy.Binding.ASYMMETRIC)
            .derivedKeys(true)
            .signHeader(new QName(Ns.WSA10, "Action"))
            .signHeader(new QName(Ns.WSA10, "To"))
            .signHeader(new QName(Ns.WSA10, "MessageID"))
            .encryptHeader(new QName(Ns.WSA10, "MessageID"));
    switch (order) {
      case SIGN_THEN_ENCRYPT -> b.protectionOrder(ProtectionOrder.SIGN_BEFORE_ENCRYPT);
      case SIGN_THEN_ENCRYPT_SIGNATURE ->
          b.protectionOrder(ProtectionOrder.SIGN_BEFORE_ENCRYPT).encryptSignature(true);
      case ENCRYPT_THEN_SIGN -> b.protectionOrder(ProtectionOrder.ENCRYPT_BEFORE_SIGN);
    }
    return b.build();
  }

  static byte[] protect(SecurityPolicy policy, boolean context) throws ParleyFault {
    OutboundProtector out = OutboundProtector.newBuilder().policy(policy).clock(CLOCK).build();
    OutboundCredentials cred =
        context
            ? OutboundCredentials.securityContext(SCT_ID, SECRET)
            : OutboundCredentials.x509(
                TestKeys.CLIENT.key(), TestKeys.CLIENT.cert(), TestKeys.SERVICE.cert());
    return out.protect(Messages.parse(Messages.soap12(2048)), cred).bytes();
  }

  static InboundProcessor inbound(SecurityPolicy policy, Clock clock) {
    return InboundProcessor.newBuilder()
        .policy(policy)
        .clock(clock)
        .privateKeys(PrivateKeyResolver.of(TestKeys.SERVICE.cert(), TestKeys.SERVICE.key()))
        .certificateTrust(TestKeys.trust(clock))
        .securityContexts(id -> SCT_ID.equals(id) ? Optional.of(SECRET) : Optional.empty())
        .build();
  }

  @ParameterizedTest(name = "{0} {1} context={2}")
  @MethodSource("matrix")
  void wsSp12_suiteTimesProtectionOrder_roundTrips(AlgorithmSuite suite, Order order, boolean ctx)
      throws Exception {
    SecurityPolicy policy = policy(suite, order, ctx);
    byte[] wire = protect(policy, ctx);
    String text = new String(wire, StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("payload-100").contains("EncryptedHeader");

    VerifiedMessage m = inbound(policy, CLOCK).process(wire);

    assertThat(m.isSigned(m.body())).isTrue();
    assertThat(m.wasEncrypted(m.body())).isTrue();
    Element doubleIt = Dom.firstChildElement(m.body());
    assertThat(doubleIt.getLocalName()).isEqualTo("DoubleIt");
    assertThat(Dom.text(Dom.firstChildElement(doubleIt))).isEqualTo("7");
    Element messageId = null;
    for (Element h : m.headerElements()) {
      if ("MessageID".equals(h.getLocalName())) {
        messageId = h;
      }
    }
    assertThat(messageId).isNotNull();
    assertThat(m.isSigned(messageId)).isTrue();
    assertThat(m.wasEncrypted(messageId)).isTrue();
    assertThat(Dom.text(messageId)).isEqualTo("urn:uuid:1");
    assertThat(m.timestamp().orElseThrow().created()).isEqualTo(NOW);
    VerifiedToken t = m.primarySigningToken().orElseThrow();
    if (ctx) {
      assertThat(t.kind()).isEqualTo(VerifiedToken.Kind.DERIVED_KEY);
      assertThat(t.root().contextIdentifier()).contains(SCT_ID);
    } else {
      assertThat(t.certificate()).contains(TestKeys.CLIENT.cert());
    }
  }

  @ParameterizedTest(name = "{0} {1} context={2}")
  @MethodSource("matrix")
  void wsSecurity11_tamperedSignedHeaderByte_failsCheck(
      AlgorithmSuite suite, Order order, boolean ctx) throws Exception {
    SecurityPolicy policy = policy(suite, order, ctx);
    String text = new String(protect(policy, ctx), StandardCharsets.UTF_8);
    String tampered = text.replace("http://127.0.0.1/service", "http://127.0.0.1/servicf");
    assertThat(tampered).isNotEqualTo(text);
    assertFault(policy, tampered, FaultCode.FAILED_CHECK);
  }

  @ParameterizedTest(name = "{0} {1} context={2}")
  @MethodSource("matrix")
  void xmlEnc11_tamperedCipherByte_failsCheck(AlgorithmSuite suite, Order order, boolean ctx)
      throws Exception {
    SecurityPolicy policy = policy(suite, order, ctx);
    String text = new String(protect(policy, ctx), StandardCharsets.UTF_8);
    // Flip one base64 character in the middle of the body's CipherValue.
    // ":Body" (not "Body", which random base64 in the header can contain) finds the start tag.
    int body = text.indexOf(":Body");
    assertThat(body).isPositive();
    int start = text.indexOf("CipherValue>", body) + "CipherValue>".length();
    int end = text.indexOf('<', start);
    assertThat(end).as("a CipherValue inside the Body").isGreaterThan(start);
    int pos = (start + end) / 2;
    char c = text.charAt(pos);
    String tampered = text.substring(0, pos) + (c == 'A' ? 'B' : 'A') + text.substring(pos + 1);
    assertFault(policy, tampered, FaultCode.FAILED_CHECK);
  }

  @ParameterizedTest(name = "{0} {1} context={2}")
  @MethodSource("matrix")
  void wsSecurity11_tamperedTimestamp_failsCheck(AlgorithmSuite suite, Order order, boolean ctx)
      throws Exception {
    SecurityPolicy policy = policy(suite, order, ctx);
    String text = new String(protect(policy, ctx), StandardCharsets.UTF_8);
    String tampered = text.replace("2026-11-23T10:05:00.000Z", "2026-11-23T10:09:00.000Z");
    assertThat(tampered).isNotEqualTo(text);
    assertFault(policy, tampered, FaultCode.FAILED_CHECK);
  }

  @Test
  void wsSp12_section4_1_1_headerWithNamespaceOnly_coversEveryHeaderOfThatNamespace()
      throws Exception {
    SecurityPolicy everyWsa =
        SecurityPolicy.newBuilder()
            .algorithmSuite(AlgorithmSuite.BASIC256)
            .binding(SecurityPolicy.Binding.SYMMETRIC)
            .signHeader(new QName(Ns.WSA10, ""))
            .build();
    VerifiedMessage m = inbound(everyWsa, CLOCK).process(protect(everyWsa, true));
    List<String> signedWsa = new ArrayList<>();
    for (Element h : m.headerElements()) {
      if (Ns.WSA10.equals(h.getNamespaceURI())) {
        assertThat(m.isSigned(h)).as("signed " + h.getLocalName()).isTrue();
        signedWsa.add(h.getLocalName());
      }
    }
    assertThat(signedWsa).contains("Action", "To", "MessageID");

    SecurityPolicy actionOnly =
        SecurityPolicy.newBuilder()
            .algorithmSuite(AlgorithmSuite.BASIC256)
            .binding(SecurityPolicy.Binding.SYMMETRIC)
            .signHeader(new QName(Ns.WSA10, "Action"))
            .build();
    assertFault(
        everyWsa,
        new String(protect(actionOnly, true), StandardCharsets.UTF_8),
        FaultCode.INVALID_SECURITY);
  }

  @Test
  void wsSecurity11_section10_expiredTimestamp_isMessageExpired() throws Exception {
    SecurityPolicy policy = policy(AlgorithmSuite.BASIC256, Order.SIGN_THEN_ENCRYPT, true);
    byte[] wire = protect(policy, true);
    // Expires is NOW + 5 min; with 5 min skew the message dies at NOW + 10 min.
    Clock atBoundary = Clock.fixed(NOW.plus(Duration.ofMinutes(10)).minusMillis(1), ZoneOffset.UTC);
    assertThat(inbound(policy, atBoundary).process(wire).timestamp()).isPresent();
    Clock after = Clock.fixed(NOW.plus(Duration.ofMinutes(10)), ZoneOffset.UTC);
    assertThatThrownBy(() -> inbound(policy, after).process(wire))
        .isInstanceOf(ParleyFault.class)
        .extracting(f -> ((ParleyFault) f).code())
        .isEqualTo(FaultCode.MESSAGE_EXPIRED);
  }

  @Test
  void wsSecurity11_section10_createdInTheFuture_isMessageExpired() throws Exception {
    SecurityPolicy policy = policy(AlgorithmSuite.BASIC256, Order.SIGN_THEN_ENCRYPT, true);
    byte[] wire = protect(policy, true);
    Clock before = Clock.fixed(NOW.minus(Duration.ofMinutes(5)).minusMillis(1), ZoneOffset.UTC);
    assertThatThrownBy(() -> inbound(policy, before).process(wire))
        .extracting(f -> ((ParleyFault) f).code())
        .isEqualTo(FaultCode.MESSAGE_EXPIRED);
  }

  @Test
  void wsSp12_section6_3_protectionOrderMismatch_isRejected() throws Exception {
    SecurityPolicy ste = policy(AlgorithmSuite.BASIC256, Order.SIGN_THEN_ENCRYPT, true);
    SecurityPolicy ets = policy(AlgorithmSuite.BASIC256, Order.ENCRYPT_THEN_SIGN, true);
    assertThatThrownBy(() -> inbound(ste, CLOCK).process(protect(ets, true)))
        .extracting(f -> ((ParleyFault) f).code())
        .isEqualTo(FaultCode.INVALID_SECURITY);
    assertThatThrownBy(() -> inbound(ets, CLOCK).process(protect(ste, true)))
        .extracting(f -> ((ParleyFault) f).code())
        .isEqualTo(FaultCode.INVALID_SECURITY);
  }

  @Test
  void wsSp12_section6_1_suiteMismatch_isUnsupportedAlgorithm() throws Exception {
    SecurityPolicy b128 = policy(AlgorithmSuite.BASIC128, Order.SIGN_THEN_ENCRYPT, true);
    SecurityPolicy b256 = policy(AlgorithmSuite.BASIC256, Order.SIGN_THEN_ENCRYPT, true);
    assertThatThrownBy(() -> inbound(b256, CLOCK).process(protect(b128, true)))
        .extracting(f -> ((ParleyFault) f).code())
        .isEqualTo(FaultCode.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void wsSecurity11_section8_5_signatureConfirmation_roundTrips() throws Exception {
    SecurityPolicy policy =
        policy(AlgorithmSuite.BASIC256, Order.SIGN_THEN_ENCRYPT, true).toBuilder()
            .signatureConfirmation(true)
            .build();
    OutboundProtector out = OutboundProtector.newBuilder().policy(policy).clock(CLOCK).build();
    OutboundCredentials cred = OutboundCredentials.securityContext(SCT_ID, SECRET);
    ProtectedMessage request = out.protect(Messages.parse(Messages.soap12(100)), cred);
    VerifiedMessage verifiedRequest = inbound(policy, CLOCK).process(request.bytes());
    ProtectedMessage reply =
        out.protect(
            Messages.parse(Messages.soap12(100)),
            cred.referencedByIdentifier(),
            verifiedRequest.signatureValues());
    VerifiedMessage m =
        inbound(policy, CLOCK)
            .process(
                reply.bytes(),
                InboundContext.none().expectingSignatureConfirmations(request.signatureValues()));
    assertThat(m.signatureConfirmations()).hasSize(1);
    assertThat(m.signatureConfirmations().get(0)).isEqualTo(request.signatureValues().get(0));

    // A reply confirming some other signature is refused.
    assertThatThrownBy(
            () ->
                inbound(policy, CLOCK)
                    .process(
                        reply.bytes(),
                        InboundContext.none()
                            .expectingSignatureConfirmations(List.of(new byte[20]))))
        .extracting(f -> ((ParleyFault) f).code())
        .isEqualTo(FaultCode.INVALID_SECURITY);
  }

  @Test
  void soap11_envelope_roundTrips() throws Exception {
    SecurityPolicy policy =
        SecurityPolicy.newBuilder().signHeader(new QName(Ns.WSA10, "To")).build();
    OutboundProtector out = OutboundProtector.newBuilder().policy(policy).clock(CLOCK).build();
    byte[] wire =
        out.protect(
                Messages.parse(Messages.soap11()),
                OutboundCredentials.securityContext(SCT_ID, SECRET).inNamespace(Ns.WSC200502))
            .bytes();
    VerifiedMessage m = inbound(policy, CLOCK).process(wire);
    assertThat(m.soapNamespace()).isEqualTo(Ns.SOAP11);
    assertThat(m.isSigned(m.body())).isTrue();
  }

  @Test
  void soap12_section5_2_2_securityHeaderForAnotherRole_isIgnored() throws Exception {
    SecurityPolicy policy = policy(AlgorithmSuite.BASIC256, Order.SIGN_THEN_ENCRYPT, true);
    String text = new String(protect(policy, true), StandardCharsets.UTF_8);
    String other =
        "<wsse:Security xmlns:wsse=\""
            + Ns.WSSE
            + "\" soap:role=\"urn:intermediary\">"
            + "<wsse:UsernameToken/></wsse:Security>";
    int at = text.indexOf("<wsse:Security xmlns");
    String withOther = text.substring(0, at) + other + text.substring(at);
    VerifiedMessage m = inbound(policy, CLOCK).process(withOther.getBytes(StandardCharsets.UTF_8));
    assertThat(m.isSigned(m.body())).isTrue();
  }

  @Test
  void wsSecurity11_section5_noSecurityHeaderForUs_isInvalidSecurity() {
    SecurityPolicy policy = policy(AlgorithmSuite.BASIC256, Order.SIGN_THEN_ENCRYPT, true);
    assertFault(policy, Messages.soap12(10), FaultCode.INVALID_SECURITY);
  }

  static void assertFault(SecurityPolicy policy, String message, FaultCode code) {
    assertThatThrownBy(
            () -> inbound(policy, CLOCK).process(message.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ParleyFault.class)
        .satisfies(
            f -> {
              assertThat(((ParleyFault) f).code()).isEqualTo(code);
              if (code == FaultCode.FAILED_CHECK) {
                assertThat(f.getMessage()).isEqualTo("failed");
              }
            });
  }
}
