package org.parley.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.parley.core.SecretBytes;

class PHashTest {
  @Test
  void derive_offsetWindow_matchesSliceOfLongerOutput() {
    SecretBytes secret = SecretBytes.copyOf("secret".getBytes(StandardCharsets.UTF_8));
    byte[] seed = "seed".getBytes(StandardCharsets.UTF_8);
    byte[] whole = PHash.P_SHA256.derive(secret, seed, 0, 200).toByteArray();
    for (int offset = 0; offset < 150; offset++) {
      byte[] slice = PHash.P_SHA256.derive(secret, seed, offset, 50).toByteArray();
      assertThat(slice).isEqualTo(java.util.Arrays.copyOfRange(whole, offset, offset + 50));
    }
  }

  @Test
  void derive_badOffsetOrLength_rejected() {
    SecretBytes secret = SecretBytes.copyOf(new byte[] {1, 2, 3});
    byte[] seed = new byte[4];
    assertThatThrownBy(() -> PHash.P_SHA1.derive(secret, seed, -1, 16))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PHash.P_SHA1.derive(secret, seed, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PHash.P_SHA1.derive(secret, seed, Integer.MAX_VALUE, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deriveKey_seedIsLabelThenNonce_perWsSc13Section7() {
    SecretBytes secret = SecretBytes.copyOf(new byte[32]);
    byte[] nonce = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6};
    byte[] label = PHash.DEFAULT_LABEL.getBytes(StandardCharsets.UTF_8);
    byte[] seed = new byte[label.length + nonce.length];
    System.arraycopy(label, 0, seed, 0, label.length);
    System.arraycopy(nonce, 0, seed, label.length, nonce.length);

    byte[] viaDeriveKey =
        PHash.P_SHA1.deriveKey(secret, PHash.DEFAULT_LABEL, nonce, 32, 32).toByteArray();

    assertThat(viaDeriveKey).isEqualTo(PHash.P_SHA1.derive(secret, seed, 32, 32).toByteArray());
  }

  @Test
  void macAlgorithm_namesJcaHmac() {
    assertThat(PHash.P_SHA1.macAlgorithm()).isEqualTo("HmacSHA1");
    assertThat(PHash.P_SHA256.macAlgorithm()).isEqualTo("HmacSHA256");
  }
}
