package org.parley.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.core.SecretBytes;

/**
 * P_SHA1 and P_SHA256 against published vectors (RFC 2246 section 5 P_hash; WS-Trust 1.3 section
 * 4.4.2 computed keys; TLS 1.2 PRF). Sources are named in {@code src/test/resources/kat/README.md}.
 */
class PHashKnownAnswerTest {

  static Stream<KatFile.Case> vectors() {
    return Stream.of(
            "ietf-tls-wg-tls12-prf-sha256.txt",
            "azuread-identitymodel-wstrust-computed-key-psha1.txt",
            "froggs-p6-digest-psha1.txt")
        .map(KatFile::load)
        .flatMap(List::stream);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void pHash_publishedVector_matchesWholeOutput(KatFile.Case c) {
    PHash hash = PHash.valueOf(c.text("hash"));
    byte[] expected = c.bytes("output");
    assertThat(expected).hasSize(c.integer("length"));

    SecretBytes out =
        hash.derive(
            SecretBytes.copyOf(c.bytes("secret")),
            c.bytes("seed"),
            c.integer("offset"),
            c.integer("length"));

    assertThat(out.toByteArray()).isEqualTo(expected);
  }

  /**
   * Every window [offset, offset + length) of a published output, so that windows starting, ending
   * and straddling HMAC block boundaries (20 bytes for SHA-1, 32 for SHA-256) are all pinned by
   * third-party data, not only by our own longer output.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void pHash_everyOffsetWindowOfPublishedVector_matchesSlice(KatFile.Case c) {
    PHash hash = PHash.valueOf(c.text("hash"));
    SecretBytes secret = SecretBytes.copyOf(c.bytes("secret"));
    byte[] seed = c.bytes("seed");
    byte[] expected = c.bytes("output");
    for (int offset = 0; offset < expected.length; offset++) {
      for (int length = 1; offset + length <= expected.length; length += 7) {
        byte[] got = hash.derive(secret, seed, offset, length).toByteArray();
        assertThat(got)
            .as("offset %d length %d", offset, length)
            .isEqualTo(Arrays.copyOfRange(expected, offset, offset + length));
      }
    }
  }
}
