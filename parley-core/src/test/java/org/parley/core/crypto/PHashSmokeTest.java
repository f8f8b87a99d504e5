package org.parley.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.parley.core.SecretBytes;

class PHashSmokeTest {
  @Test
  void derive_offsetWindow_matchesSliceOfLongerOutput() {
    SecretBytes secret = SecretBytes.copyOf("secret".getBytes(StandardCharsets.UTF_8));
    byte[] seed = "seed".getBytes(StandardCharsets.UTF_8);
    byte[] whole = PHash.P_SHA1.derive(secret, seed, 0, 64).toByteArray();
    byte[] slice = PHash.P_SHA1.derive(secret, seed, 17, 30).toByteArray();
    assertThat(slice).containsExactly(java.util.Arrays.copyOfRange(whole, 17, 47));
  }
}
