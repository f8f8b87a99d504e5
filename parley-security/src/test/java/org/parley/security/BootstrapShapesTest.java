package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.Ns;

/**
 * The symmetric-binding bootstrap that WCF and CXF use for WS-SC February 2005 (WS-SP 1.2 section
 * 7.4 with an X509Token protection token and an endorsing client certificate, section 8.4): the
 * client wraps a fresh key for the service certificate, derives its keys from it and endorses the
 * signature with its own certificate; the service replies with keys derived from the same
 * EncryptedKey, referenced by EncryptedKeySHA1 (WSS 1.1 section 7.3).
 */
class BootstrapShapesTest {
  static final SecurityPolicy POLICY =
      SecurityPolicy.newBuilder()
          .binding(SecurityPolicy.Binding.SYMMETRIC)
          .derivedKeys(true)
          .encryptSignature(true)
          .signHeader(new QName(Ns.WSA10, "To"))
          .build();

  static InboundProcessor.Builder service() {
    return InboundProcessor.newBuilder()
        .policy(POLICY)
        .clock(RoundTripTest.CLOCK)
        .privateKeys(PrivateKeyResolver.of(TestKeys.SERVICE.cert(), TestKeys.SERVICE.key()))
        .certificateTrust(TestKeys.trust(RoundTripTest.CLOCK));
  }

  @Test
  void wsSp12_section8_4_endorsedEncryptedKeyRequest_andEncryptedKeySha1Reply_roundTrip()
      throws Exception {
    OutboundProtector out =
        OutboundProtector.newBuilder().policy(POLICY).clock(RoundTripTest.CLOCK).build();
    ProtectedMessage request =
        out.protect(
            Messages.parse(Messages.soap12(512)),
            OutboundCredentials.encryptedKeyFor(TestKeys.SERVICE.cert())
                .inNamespace(Ns.WSC200502)
                .endorsedBy(TestKeys.CLIENT.key(), TestKeys.CLIENT.cert()));

    VerifiedMessage atService = service().build().process(request.bytes());
    assertThat(atService.primarySigningToken().orElseThrow().root().kind())
        .isEqualTo(VerifiedToken.Kind.ENCRYPTED_KEY);
    assertThat(atService.endorsingTokens()).hasSize(1);
    assertThat(atService.endorsingTokens().get(0).certificate()).contains(TestKeys.CLIENT.cert());

    ProtectedMessage reply =
        out.protect(
            Messages.parse(Messages.soap12(512)),
            OutboundCredentials.replyTo(atService).inNamespace(Ns.WSC200502));

    VerifiedMessage atClient =
        InboundProcessor.newBuilder()
            .policy(POLICY)
            .clock(RoundTripTest.CLOCK)
            .encryptedKeys(request.encryptedKeyResolver())
            .build()
            .process(reply.bytes());
    assertThat(atClient.wasEncrypted(atClient.body())).isTrue();
    assertThat(atClient.primarySigningToken().orElseThrow().root().encryptedKeySha1()).isPresent();

    // Without the key it sent, the client cannot accept the reply.
    assertThatThrownBy(
            () ->
                InboundProcessor.newBuilder()
                    .policy(POLICY)
                    .clock(RoundTripTest.CLOCK)
                    .build()
                    .process(reply.bytes()))
        .isInstanceOf(ParleyFault.class)
        .extracting(f -> ((ParleyFault) f).code())
        .isEqualTo(FaultCode.SC_UNKNOWN_DERIVATION_SOURCE);
  }

  @Test
  void replyTo_requestNotKeyedByEncryptedKey_isRefused() throws Exception {
    SecurityPolicy policy =
        RoundTripTest.policy(AlgorithmSuite.BASIC256, RoundTripTest.Order.SIGN_THEN_ENCRYPT, true);
    VerifiedMessage m =
        RoundTripTest.inbound(policy, RoundTripTest.CLOCK)
            .process(RoundTripTest.protect(policy, true));
    assertThatThrownBy(() -> OutboundCredentials.replyTo(m))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
