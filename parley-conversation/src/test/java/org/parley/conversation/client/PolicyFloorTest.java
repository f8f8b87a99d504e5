package org.parley.conversation.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.parley.conversation.policy.BootstrapPolicy;
import org.parley.conversation.policy.ConversationPolicy;
import org.parley.conversation.trust.TrustVersion;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.security.AlgorithmSuite;
import org.parley.security.SecurityPolicy;
import org.parley.wire.Ns;

/** The client's local minimum, applied to whatever policy a peer's WSDL publishes. */
class PolicyFloorTest {
  static SecurityPolicy.Builder parts(SecurityPolicy.Binding b, AlgorithmSuite suite) {
    return SecurityPolicy.newBuilder()
        .binding(b)
        .algorithmSuite(suite)
        .signHeader(new QName(Ns.WSA10, ""))
        .derivedKeys(b == SecurityPolicy.Binding.SYMMETRIC);
  }

  static ConversationPolicy policy(SecurityPolicy message, AlgorithmSuite bootstrapSuite) {
    return ConversationPolicy.newBuilder(
            message,
            BootstrapPolicy.asymmetricX509(
                parts(SecurityPolicy.Binding.ASYMMETRIC, bootstrapSuite).build()))
        .version(TrustVersion.WS_TRUST_13)
        .build();
  }

  static ConversationPolicy suite(AlgorithmSuite s) {
    return policy(parts(SecurityPolicy.Binding.SYMMETRIC, s).build(), s);
  }

  static FaultCode codeOf(Throwable e) {
    return ((ParleyFault) e).code();
  }

  @Test
  void defaultFloor_acceptsBasic128AndStronger() {
    for (AlgorithmSuite s :
        new AlgorithmSuite[] {
          AlgorithmSuite.BASIC128, AlgorithmSuite.BASIC256, AlgorithmSuite.BASIC256_SHA256
        }) {
      assertThatCode(() -> PolicyFloor.DEFAULT.check(suite(s))).doesNotThrowAnyException();
    }
  }

  @Test
  void noEncryption_refused_namesTheOptOut() {
    ConversationPolicy p =
        policy(
            parts(SecurityPolicy.Binding.SYMMETRIC, AlgorithmSuite.BASIC256)
                .allowUnencryptedBody()
                .build(),
            AlgorithmSuite.BASIC256);
    assertThatThrownBy(() -> PolicyFloor.DEFAULT.check(p))
        .hasMessageContaining("do not encrypt the body")
        .hasMessageContaining("allowUnencryptedBody")
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(FaultCode.INVALID_SECURITY));
    assertThatCode(() -> PolicyFloor.DEFAULT.allowUnencryptedBody().check(p))
        .doesNotThrowAnyException();
  }

  @Test
  void noSignature_refused_namesTheOptOut() {
    ConversationPolicy p =
        policy(
            parts(SecurityPolicy.Binding.SYMMETRIC, AlgorithmSuite.BASIC256)
                .allowUnsignedBody()
                .build(),
            AlgorithmSuite.BASIC256);
    assertThatThrownBy(() -> PolicyFloor.DEFAULT.check(p))
        .hasMessageContaining("do not sign the body")
        .hasMessageContaining("allowUnsignedBody");
    assertThatCode(() -> PolicyFloor.DEFAULT.allowUnsignedBody().check(p))
        .doesNotThrowAnyException();
  }

  @Test
  void rsa15KeyTransport_refused_unlessTheLoudOptOut() {
    AlgorithmSuite rsa15 =
        AlgorithmSuite.BASIC256.toBuilder().keyTransportRsaV15AllowingPaddingOracle().build();
    ConversationPolicy p =
        policy(parts(SecurityPolicy.Binding.SYMMETRIC, AlgorithmSuite.BASIC256).build(), rsa15);
    assertThatThrownBy(() -> PolicyFloor.DEFAULT.check(p))
        .hasMessageContaining("RSA PKCS#1 v1.5")
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(FaultCode.UNSUPPORTED_ALGORITHM));
    assertThatCode(() -> PolicyFloor.DEFAULT.allowRsa15KeyTransportPaddingOracle().check(p))
        .doesNotThrowAnyException();
  }

  @Test
  void suiteBelowMinimumKeyBits_refused_namesTheSetting() {
    PolicyFloor floor = PolicyFloor.DEFAULT.minimumKeyBits(256);
    assertThatThrownBy(() -> floor.check(suite(AlgorithmSuite.BASIC128)))
        .hasMessageContaining("minimumKeyBits=256")
        .hasMessageContaining("Basic128")
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(FaultCode.UNSUPPORTED_ALGORITHM));
    assertThatCode(() -> floor.check(suite(AlgorithmSuite.BASIC256))).doesNotThrowAnyException();
    assertThatThrownBy(() -> PolicyFloor.DEFAULT.minimumKeyBits(64))
        .hasMessageContaining("minimumKeyBits");
  }
}
