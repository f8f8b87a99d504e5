package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * WS-SP 1.2 section 8.3 signed supporting tokens on the way out, and tokens the caller processes (a
 * UsernameToken for an STS) on the way in.
 */
class SupportingTokensTest {
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final QName UT = new QName(Ns.WSSE, "UsernameToken");
  static final SecurityPolicy POLICY =
      SecurityPolicy.newBuilder().binding(SecurityPolicy.Binding.ASYMMETRIC).build();

  static byte[] protectWithUsernameToken() throws ParleyFault {
    Document envelope = Messages.parse(Messages.soap12(64));
    Element ut = envelope.createElementNS(Ns.WSSE, "wsse:UsernameToken");
    ut.setAttributeNS(Ns.XMLNS, "xmlns:wsse", Ns.WSSE);
    Element name = envelope.createElementNS(Ns.WSSE, "wsse:Username");
    name.setTextContent("alice");
    ut.appendChild(name);
    OutboundCredentials cred =
        OutboundCredentials.x509(
                TestKeys.CLIENT.key(), TestKeys.CLIENT.cert(), TestKeys.SERVICE.cert())
            .withSignedSupportingTokens(List.of(ut));
    return OutboundProtector.newBuilder()
        .policy(POLICY)
        .clock(CLOCK)
        .build()
        .protect(envelope, cred)
        .bytes();
  }

  static InboundProcessor.Builder inbound() {
    return InboundProcessor.newBuilder()
        .policy(POLICY)
        .clock(CLOCK)
        .privateKeys(PrivateKeyResolver.of(TestKeys.SERVICE.cert(), TestKeys.SERVICE.key()))
        .certificateTrust(TestKeys.trust(CLOCK));
  }

  @Test
  void wsSp12_8_3_signedSupportingToken_isInTheHeaderAndCoveredByThePrimarySignature()
      throws Exception {
    byte[] wire = protectWithUsernameToken();

    VerifiedMessage m = inbound().callerProcessedTokens(UT).build().process(wire);

    Element security = Dom.child(m.header().orElseThrow(), Ns.WSSE, "Security");
    Element ut = Dom.child(security, Ns.WSSE, "UsernameToken");
    assertThat(ut).isNotNull();
    assertThat(m.isSigned(ut)).isTrue();
    assertThat(m.signingToken(ut).orElseThrow().certificate()).contains(TestKeys.CLIENT.cert());
  }

  @Test
  void unknownTokenInSecurityHeader_isRefused_unlessTheCallerProcessesIt() throws Exception {
    byte[] wire = protectWithUsernameToken();

    assertThatThrownBy(() -> inbound().build().process(wire))
        .isInstanceOfSatisfying(
            ParleyFault.class,
            f -> assertThat(f.code()).isEqualTo(FaultCode.UNSUPPORTED_SECURITY_TOKEN));
  }

  @Test
  void tamperedSupportingToken_failsTheSignature() throws Exception {
    String wire =
        new String(protectWithUsernameToken(), StandardCharsets.UTF_8)
            .replace(">alice<", ">mallory<");

    assertThatThrownBy(
            () ->
                inbound()
                    .callerProcessedTokens(UT)
                    .build()
                    .process(wire.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ParleyFault.class);
  }
}
