package org.parley.conversation.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.parley.core.SecretBytes;
import org.parley.core.crypto.PHash;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.security.AlgorithmSuite;

class KeyComputationTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final TrustVersion V = TrustVersion.WS_TRUST_13;

  @Test
  void combined_issuerAndRequestorComputeTheSameKey() throws Exception {
    BinarySecret client = BinarySecret.nonce(SecretBytes.random(32));
    KeyComputation.IssuedKey issued =
        KeyComputation.issue(V, EntropyMode.COMBINED, client, 256, RANDOM);
    assertThat(issued.key().lengthBytes()).isEqualTo(32);
    assertThat(issued.proofToken().computedKeyAlgorithm()).contains(V.computedKeyPsha1());
    SecretBytes serverEntropy = issued.issuerEntropy().binarySecret().orElseThrow().value();
    assertThat(
            issued
                .key()
                .equalsConstantTime(
                    PHash.P_SHA1.derive(client.value(), serverEntropy.toByteArray(), 0, 32)))
        .isTrue();
    RequestSecurityTokenResponse rstr =
        RequestSecurityTokenResponse.newBuilder(V)
            .requestedToken(
                org.parley.conversation.sct.SecurityContextToken.newBuilder(V, "urn:a").build())
            .proofToken(issued.proofToken())
            .entropy(issued.issuerEntropy())
            .build();
    assertThat(KeyComputation.requestorKey(client, rstr, 256).equalsConstantTime(issued.key()))
        .isTrue();
  }

  @Test
  void server_keyTravelsAsBinarySecretProof_andClientEntropyIsRefused() throws Exception {
    KeyComputation.IssuedKey issued =
        KeyComputation.issue(V, EntropyMode.SERVER, null, 192, RANDOM);
    assertThat(issued.key().lengthBytes()).isEqualTo(24);
    assertThat(issued.issuerEntropy()).isNull();
    assertThat(
            issued
                .proofToken()
                .binarySecret()
                .orElseThrow()
                .value()
                .equalsConstantTime(issued.key()))
        .isTrue();
    assertThatThrownBy(
            () ->
                KeyComputation.issue(
                    V, EntropyMode.SERVER, BinarySecret.nonce(SecretBytes.random(32)), 256, RANDOM))
        .hasMessageContaining("server entropy only");
  }

  @Test
  void client_entropyIsTheKey_noProofToken() throws Exception {
    BinarySecret client = BinarySecret.of(BinarySecret.Type.SYMMETRIC_KEY, SecretBytes.random(32));
    KeyComputation.IssuedKey issued =
        KeyComputation.issue(V, EntropyMode.CLIENT, client, 256, RANDOM);
    assertThat(issued.key().equalsConstantTime(client.value())).isTrue();
    assertThat(issued.proofToken()).isNull();
    RequestSecurityTokenResponse rstr =
        RequestSecurityTokenResponse.newBuilder(V)
            .requestedToken(
                org.parley.conversation.sct.SecurityContextToken.newBuilder(V, "urn:a").build())
            .build();
    assertThat(KeyComputation.requestorKey(client, rstr, 256).equalsConstantTime(client.value()))
        .isTrue();
    assertThatThrownBy(
            () ->
                KeyComputation.issue(
                    V, EntropyMode.CLIENT, BinarySecret.nonce(SecretBytes.random(16)), 256, RANDOM))
        .hasMessageContaining("cannot be a 256-bit key");
  }

  @Test
  void missingOrShortEntropy_isInvalidRequest() {
    assertThatThrownBy(() -> KeyComputation.issue(V, EntropyMode.COMBINED, null, 256, RANDOM))
        .isInstanceOf(ParleyFault.class)
        .hasMessageContaining("needs client wst:Entropy");
    assertThatThrownBy(
            () ->
                KeyComputation.issue(
                    V,
                    EntropyMode.COMBINED,
                    BinarySecret.nonce(SecretBytes.random(8)),
                    256,
                    RANDOM))
        .hasMessageContaining("MIN_ENTROPY_BYTES");
  }

  @Test
  void wsSp12_6_1_keySizeFromSuite_andBounds() throws Exception {
    assertThat(KeyComputation.keySizeBits(AlgorithmSuite.BASIC256, OptionalInt.empty(), 512))
        .isEqualTo(256);
    assertThat(KeyComputation.keySizeBits(AlgorithmSuite.BASIC128, OptionalInt.empty(), 512))
        .isEqualTo(128);
    assertThat(KeyComputation.keySizeBits(AlgorithmSuite.BASIC128, OptionalInt.of(256), 512))
        .isEqualTo(256);
    for (int bad : new int[] {128, 520, 264 - 1}) {
      assertThatThrownBy(
              () -> KeyComputation.keySizeBits(AlgorithmSuite.BASIC256, OptionalInt.of(bad), 512))
          .isInstanceOf(ParleyFault.class)
          .satisfies(
              t -> assertThat(((ParleyFault) t).code()).isEqualTo(FaultCode.TRUST_INVALID_REQUEST));
    }
  }
}
