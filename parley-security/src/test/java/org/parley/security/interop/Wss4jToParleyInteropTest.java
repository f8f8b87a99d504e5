package org.parley.security.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.core.fault.ParleyFault;
import org.parley.security.InboundProcessor;
import org.parley.security.VerifiedMessage;
import org.parley.security.VerifiedToken;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.XmlWriter;

/** Apache WSS4J protects, Parley verifies and decrypts: every WS-SP suite, both bindings. */
class Wss4jToParleyInteropTest {
  private static PeerKeys keys;

  @BeforeAll
  static void loadKeys() throws Exception {
    keys = PeerKeys.load();
  }

  @ParameterizedTest
  @EnumSource(InteropSuite.class)
  void derivedKeys_parleyVerifiesAndDecryptsWss4jRequest(InteropSuite suite) throws Exception {
    byte[] message =
        Wss4jPeer.protectWithDerivedKeys(
            InteropMessages.plainRequest(),
            suite,
            InteropMessages.secret(),
            InteropMessages.SCT_IDENTIFIER);
    InboundProcessor receiver =
        ParleyPeer.derivedKeyReceiver(
            suite, InteropMessages.secret(), InteropMessages.SCT_IDENTIFIER);

    VerifiedMessage m = receiver.process(message);

    assertProtectedBody(m);
    VerifiedToken token = m.signingToken(m.body()).orElseThrow();
    assertThat(token.kind()).isEqualTo(VerifiedToken.Kind.DERIVED_KEY);
    assertThat(token.root().kind()).isEqualTo(VerifiedToken.Kind.SECURITY_CONTEXT);
    assertThat(token.root().contextIdentifier()).contains(InteropMessages.SCT_IDENTIFIER);

    byte[] tampered = Wss4jPeerSelfCheckTest.flipLastCipherCharacter(message);
    assertThatThrownBy(() -> receiver.process(tampered)).isInstanceOf(ParleyFault.class);
  }

  @ParameterizedTest
  @EnumSource(InteropSuite.class)
  void x509_parleyVerifiesAndDecryptsWss4jRequest(InteropSuite suite) throws Exception {
    byte[] message = Wss4jPeer.protectWithX509(InteropMessages.plainRequest(), suite, keys);
    InboundProcessor receiver = ParleyPeer.x509Receiver(suite, keys);

    VerifiedMessage m = receiver.process(message);

    assertProtectedBody(m);
    VerifiedToken token = m.signingToken(m.body()).orElseThrow();
    assertThat(token.kind()).isEqualTo(VerifiedToken.Kind.X509_CERTIFICATE);
    assertThat(token.certificate()).contains(keys.clientCertificate());

    byte[] tampered = Wss4jPeerSelfCheckTest.flipLastCipherCharacter(message);
    assertThatThrownBy(() -> receiver.process(tampered)).isInstanceOf(ParleyFault.class);
  }

  private static void assertProtectedBody(VerifiedMessage m) {
    assertThat(m.isSigned(m.body())).as("body signed").isTrue();
    assertThat(m.wasEncrypted(m.body())).as("body encrypted").isTrue();
    assertThat(m.timestamp()).as("timestamp").isPresent();
    assertThat(
            new String(XmlWriter.toBytes(Dom.firstChildElement(m.body())), StandardCharsets.UTF_8))
        .isEqualTo(InteropMessages.BODY_CONTENT);
  }
}
