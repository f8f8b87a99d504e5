package org.parley.conversation.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.conversation.service.ParleyToParleyConversationTest.ACTION;
import static org.parley.conversation.service.ParleyToParleyConversationTest.CLIENT;
import static org.parley.conversation.service.ParleyToParleyConversationTest.SERVICE;

import java.net.URI;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.parley.conversation.client.PolicyFloor;
import org.parley.conversation.client.SecureConversationClient;
import org.parley.conversation.policy.BootstrapPolicy;
import org.parley.conversation.policy.ConversationPolicy;
import org.parley.conversation.trust.TrustVersion;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.security.AlgorithmSuite;
import org.parley.security.SecurityPolicy;
import org.parley.wire.Ns;

/** A client configured from a WSDL refuses a published policy below its {@link PolicyFloor}. */
class ClientPolicyFloorTest {
  static byte[] wsdlOf(AlgorithmSuite suite) throws Exception {
    SecurityPolicy.Builder parts =
        SecurityPolicy.newBuilder()
            .algorithmSuite(suite)
            .signHeader(new QName(Ns.WSA10, ""))
            .encryptSignature(true);
    ConversationPolicy p =
        ConversationPolicy.newBuilder(
                parts.binding(SecurityPolicy.Binding.SYMMETRIC).derivedKeys(true).build(),
                BootstrapPolicy.asymmetricX509(
                    parts.binding(SecurityPolicy.Binding.ASYMMETRIC).derivedKeys(false).build()))
            .version(TrustVersion.WS_TRUST_13)
            .build();
    return SecureConversationService.newBuilder()
        .policy(p)
        .serviceKey(SERVICE.key(), SERVICE.cert())
        .clientTrust(ParleyToParleyConversationTest.trust())
        .wsdlTemplate(ParleyToParleyConversationTest.template("DoubleItSC13.wsdl"))
        .operation(ACTION, ACTION + "Response", (payload, caller) -> payload)
        .build()
        .wsdl()
        .orElseThrow();
  }

  static SecureConversationClient.Builder client(byte[] wsdl) {
    return SecureConversationClient.newBuilder()
        .wsdl(wsdl)
        .address(URI.create("http://127.0.0.1:9/never-called"))
        .clientKey(CLIENT.key(), CLIENT.cert())
        .serviceCertificate(SERVICE.cert());
  }

  @Test
  void wsdlBelowTheFloor_refusedAtBuild_withTheShortfallNamed() throws Exception {
    byte[] basic128 = wsdlOf(AlgorithmSuite.BASIC128);
    assertThat(client(basic128).build().policy().algorithmSuite().name()).isEqualTo("Basic128");
    assertThatThrownBy(
            () -> client(basic128).policyFloor(PolicyFloor.DEFAULT.minimumKeyBits(256)).build())
        .isInstanceOf(ParleyFault.class)
        .hasMessageContaining("PolicyFloor")
        .hasMessageContaining("minimumKeyBits=256")
        .satisfies(
            e -> assertThat(((ParleyFault) e).code()).isEqualTo(FaultCode.UNSUPPORTED_ALGORITHM));
    assertThat(
            client(wsdlOf(AlgorithmSuite.BASIC256))
                .policyFloor(PolicyFloor.DEFAULT.minimumKeyBits(256))
                .build()
                .policy()
                .algorithmSuite()
                .name())
        .isEqualTo("Basic256");
  }
}
