package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.parley.security.internal.Uris;

/** The typed policy model: WS-SP 1.2 section 6.1 suites, validated builders, capped skew. */
class PolicyModelTest {
  @Test
  void wsSp12_section6_1_basic256_isSha1Aes256Oaep_L256_L192() {
    AlgorithmSuite s = AlgorithmSuite.BASIC256;
    assertThat(s.digestUri()).isEqualTo(Uris.SHA1);
    assertThat(s.symmetricSignatureUri()).isEqualTo(Uris.HMAC_SHA1);
    assertThat(s.asymmetricSignatureUri()).isEqualTo(Uris.RSA_SHA1);
    assertThat(s.dataEncryption()).isEqualTo(DataEncryption.AES256_CBC);
    assertThat(s.keyTransport()).isEqualTo(KeyTransport.RSA_OAEP);
    assertThat(s.encryptionDerivedKeyLengthBytes()).isEqualTo(32);
    assertThat(s.signatureDerivedKeyLengthBytes()).isEqualTo(24);
    assertThat(s.minimumSymmetricKeyLengthBytes()).isEqualTo(32);
  }

  @Test
  void wsSp12_section6_1_basic192_and_basic128_lengths() {
    assertThat(AlgorithmSuite.BASIC192.dataEncryption()).isEqualTo(DataEncryption.AES192_CBC);
    assertThat(AlgorithmSuite.BASIC192.encryptionDerivedKeyLengthBytes()).isEqualTo(24);
    assertThat(AlgorithmSuite.BASIC192.signatureDerivedKeyLengthBytes()).isEqualTo(24);
    assertThat(AlgorithmSuite.BASIC128.dataEncryption()).isEqualTo(DataEncryption.AES128_CBC);
    assertThat(AlgorithmSuite.BASIC128.encryptionDerivedKeyLengthBytes()).isEqualTo(16);
    assertThat(AlgorithmSuite.BASIC128.signatureDerivedKeyLengthBytes()).isEqualTo(16);
  }

  @Test
  void wsSp12_section6_1_sha256Suites_useSha256DigestAndSignatures() {
    for (AlgorithmSuite s :
        new AlgorithmSuite[] {AlgorithmSuite.BASIC256_SHA256, AlgorithmSuite.BASIC128_SHA256}) {
      assertThat(s.digestUri()).isEqualTo(Uris.SHA256);
      assertThat(s.symmetricSignatureUri()).isEqualTo(Uris.HMAC_SHA256);
      assertThat(s.asymmetricSignatureUri()).isEqualTo(Uris.RSA_SHA256);
    }
    assertThat(AlgorithmSuite.BASIC256_SHA256.signatureDerivedKeyLengthBytes()).isEqualTo(24);
  }

  @Test
  void customSuite_gcm_buildsAndMismatchedKeyLengthIsRefused() {
    AlgorithmSuite gcm =
        AlgorithmSuite.BASIC256.toBuilder().dataEncryption(DataEncryption.AES256_GCM).build();
    assertThat(gcm.dataEncryption().isGcm()).isTrue();
    assertThatThrownBy(
            () ->
                AlgorithmSuite.BASIC256.toBuilder()
                    .dataEncryption(DataEncryption.AES128_GCM)
                    .build())
        .hasMessageContaining("encryptionDerivedKeyLengthBytes");
    assertThatThrownBy(() -> AlgorithmSuite.newBuilder().build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> AlgorithmSuite.newBuilder().digest("http://example.org/md5"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rsa15_onlyThroughTheNamedOptIn() {
    for (AlgorithmSuite s :
        new AlgorithmSuite[] {
          AlgorithmSuite.BASIC128,
          AlgorithmSuite.BASIC192,
          AlgorithmSuite.BASIC256,
          AlgorithmSuite.BASIC128_SHA256,
          AlgorithmSuite.BASIC256_SHA256
        }) {
      assertThat(s.keyTransport()).isEqualTo(KeyTransport.RSA_OAEP);
    }
    assertThat(
            AlgorithmSuite.BASIC256.toBuilder()
                .keyTransportRsaV15AllowingPaddingOracle()
                .build()
                .keyTransport())
        .isEqualTo(KeyTransport.RSA_1_5);
  }

  @Test
  void policy_defaultsAreSafe() {
    SecurityPolicy p = SecurityPolicy.newBuilder().build();
    assertThat(p.signBody()).isTrue();
    assertThat(p.encryptBody()).isTrue();
    assertThat(p.timestampRequired()).isTrue();
    assertThat(p.maxClockSkew()).isEqualTo(Duration.ofMinutes(5));
    assertThat(p.protectionOrder()).isEqualTo(ProtectionOrder.SIGN_BEFORE_ENCRYPT);
  }

  @Test
  void policy_clockSkew_isCappedAtFifteenMinutes() {
    assertThat(
            SecurityPolicy.newBuilder().maxClockSkew(Duration.ofMinutes(15)).build().maxClockSkew())
        .isEqualTo(Duration.ofMinutes(15));
    assertThatThrownBy(
            () -> SecurityPolicy.newBuilder().maxClockSkew(Duration.ofMinutes(15).plusSeconds(1)))
        .hasMessageContaining("maxClockSkew");
  }

  @Test
  void wsSp12_section6_4_encryptSignatureWithEncryptBeforeSigning_isRefused() {
    assertThatThrownBy(
            () ->
                SecurityPolicy.newBuilder()
                    .protectionOrder(ProtectionOrder.ENCRYPT_BEFORE_SIGN)
                    .encryptSignature(true)
                    .build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void derivedKeyLimits_settingsAreNamedInErrors() {
    assertThatThrownBy(() -> DerivedKeyLimits.newBuilder().maxLengthBytes(0))
        .hasMessageContaining("maxLengthBytes");
    assertThatThrownBy(
            () -> DerivedKeyLimits.newBuilder().minNonceBytes(64).maxNonceBytes(32).build())
        .hasMessageContaining("minNonceBytes");
  }

  @Test
  void outbound_alreadyProtectedEnvelope_isRefused() throws Exception {
    SecurityPolicy policy =
        RoundTripTest.policy(AlgorithmSuite.BASIC256, RoundTripTest.Order.SIGN_THEN_ENCRYPT, true);
    byte[] once = RoundTripTest.protect(policy, true);
    OutboundProtector out =
        OutboundProtector.newBuilder().policy(policy).clock(RoundTripTest.CLOCK).build();
    assertThatThrownBy(
            () ->
                out.protect(
                    Messages.XML.parse(once),
                    OutboundCredentials.securityContext(
                        RoundTripTest.SCT_ID, RoundTripTest.SECRET)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
