package org.parley.conversation.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.TrustAnchor;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.namespace.QName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.conversation.testing.Captures;
import org.parley.core.SecretBytes;
import org.parley.core.fault.ParleyFault;
import org.parley.security.AlgorithmSuite;
import org.parley.security.CertificateTrust;
import org.parley.security.InboundProcessor;
import org.parley.security.PrivateKeyResolver;
import org.parley.security.SecurityPolicy;
import org.parley.security.TestKeys;
import org.parley.security.VerifiedMessage;
import org.parley.security.VerifiedToken;
import org.parley.wire.Ns;

/**
 * WS-Trust 1.3 section 4.4.2, checked against CXF's wire: the key computed from the decrypted RST's
 * and RSTR's entropies, requestor entropy as the P_SHA1 secret and issuer entropy as the seed,
 * verifies and decrypts the captured application messages in parley-security's inbound processor;
 * the other order does not. After a renew, the RSTR's BinarySecret proof key does.
 */
class KeyComputationCaptureTest {
  private static final TrustCodec CODEC =
      TrustCodec.create(TrustLimits.DEFAULT, TrustCompliance.CXF);
  private static final TestKeys.Entry SERVICE = Captures.key("service.p12");
  private static final TestKeys.Entry CLIENT = Captures.key("client.p12");

  record Issued(String identifier, SecretBytes key, SecretBytes reversed) {}

  static Issued issuedIn(String folder) throws Exception {
    RequestSecurityToken rst =
        CODEC.readRequest(TrustCodecCaptureTest.body(folder, "01-rst-sct-request.xml"));
    RequestSecurityTokenResponse rstr =
        CODEC.readResponse(TrustCodecCaptureTest.body(folder, "02-rstr-sct-response.xml"));
    BinarySecret client = rst.entropy().orElseThrow().binarySecret().orElseThrow();
    BinarySecret server = rstr.entropy().orElseThrow().binarySecret().orElseThrow();
    int bits = KeyComputation.keySizeBits(AlgorithmSuite.BASIC256, rst.keySizeBits(), 512);
    assertThat(bits).isEqualTo(256);
    SecretBytes key = KeyComputation.requestorKey(client, rstr, bits);
    SecretBytes reversed = KeyComputation.computedKey(server.value(), client.value(), bits);
    return new Issued(rstr.requestedToken().orElseThrow().identifier(), key, reversed);
  }

  static VerifiedMessage process(String folder, String file, Map<String, SecretBytes> contexts)
      throws Exception {
    byte[] bytes = Files.readAllBytes(Captures.captures().resolve(folder).resolve(file));
    Clock clock =
        Clock.fixed(Captures.created(Captures.XML.parse(bytes)).plusSeconds(1), ZoneOffset.UTC);
    SecurityPolicy policy =
        SecurityPolicy.newBuilder()
            .binding(SecurityPolicy.Binding.SYMMETRIC)
            .algorithmSuite(AlgorithmSuite.BASIC256)
            .derivedKeys(true)
            .signHeader(new QName(Ns.WSA10, "Action"))
            .signHeader(new QName(Ns.WSA10, "To"))
            .build();
    InboundProcessor p =
        InboundProcessor.newBuilder()
            .policy(policy)
            .clock(clock)
            .privateKeys(
                PrivateKeyResolver.anyOf(
                    List.of(
                        PrivateKeyResolver.of(SERVICE.cert(), SERVICE.key()),
                        PrivateKeyResolver.of(CLIENT.cert(), CLIENT.key()))))
            .certificateTrust(
                CertificateTrust.pkix(
                    Set.of(new TrustAnchor(Captures.caCert(), null)),
                    List.of(SERVICE.cert(), CLIENT.cert()),
                    clock))
            .securityContexts(id -> Optional.ofNullable(contexts.get(id)))
            .build();
    return p.process(bytes);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"sc13", "sc200502", "sc13-mustnotsendcancel", "sc13-renew", "sc200502-renew"})
  void wsTrust13_4_4_2_psha1RequestorSecretIssuerSeed_verifiesCapturedAppMessages(String folder)
      throws Exception {
    Issued issued = issuedIn(folder);
    for (String file : new String[] {"03-app-request.xml", "04-app-response.xml"}) {
      VerifiedMessage m = process(folder, file, Map.of(issued.identifier(), issued.key()));
      VerifiedToken t = m.primarySigningToken().orElseThrow();
      assertThat(t.root().kind()).isEqualTo(VerifiedToken.Kind.SECURITY_CONTEXT);
      assertThat(t.root().contextIdentifier()).contains(issued.identifier());
      assertThat(m.isSigned(m.body())).isTrue();
      assertThat(m.wasEncrypted(m.body())).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sc13", "sc200502"})
  void wsTrust13_4_4_2_entropiesSwapped_doNotVerify(String folder) throws Exception {
    Issued issued = issuedIn(folder);
    assertThat(issued.key().equalsConstantTime(issued.reversed())).isFalse();
    assertThatThrownBy(
            () ->
                process(
                    folder, "03-app-request.xml", Map.of(issued.identifier(), issued.reversed())))
        .isInstanceOf(ParleyFault.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sc13-renew", "sc200502-renew"})
  void wsSc13_5_renewedProofKey_verifiesMessagesAfterRenew(String folder) throws Exception {
    RequestSecurityToken rst =
        CODEC.readRequest(
            TrustCodecCaptureTest.body(folder, "05-rst-renew-request-after-expiry.xml"));
    RequestSecurityTokenResponse rstr =
        CODEC.readResponse(
            TrustCodecCaptureTest.body(folder, "06-rstr-renew-response-after-expiry.xml"));
    SecretBytes key = KeyComputation.requestorKey(null, rstr, 256);
    String id = rstr.requestedToken().orElseThrow().identifier();
    assertThat(rst.target().orElseThrow().contextIdentifier()).contains(id);
    for (String file :
        new String[] {
          "07-app-request-after-expiry.xml",
          "08-app-response-after-expiry.xml",
          "09-app-request.xml"
        }) {
      VerifiedMessage m = process(folder, file, Map.of(id, key));
      assertThat(m.primarySigningToken().orElseThrow().root().contextIdentifier()).contains(id);
    }
    assertThat(Files.exists(Path.of(""))).isTrue();
  }
}
