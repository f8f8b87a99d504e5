package org.parley.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.core.SecretBytes;
import org.parley.core.testing.MutableClock;

class KeyRingTest {
  private static final byte[] COOKIE = utf8("parley/session-cookie/v1");
  private static final byte[] SCT = utf8("parley/sct-cookie/v1");
  private static final Instant T0 = MutableClock.DEFAULT_START;
  private static final Duration DAY = Duration.ofDays(1);

  private final MutableClock clock = MutableClock.at(T0);

  private static RingKey key(String id, Instant activation, Instant expiry) {
    return RingKey.generate(id, activation, expiry);
  }

  private KeyRing ringWithOneKey() {
    return KeyRing.of(clock, List.of(key("k1", T0, T0.plus(DAY))));
  }

  @Test
  void sealThenOpen_sameAssociatedData_returnsPlaintext() throws Exception {
    KeyRing ring = ringWithOneKey();
    byte[] sealed = ring.seal(utf8("hello"), COOKIE);
    assertThat(ring.open(sealed, COOKIE)).isEqualTo(utf8("hello"));
    assertThat(ring.open(ring.seal(new byte[0], COOKIE), COOKIE)).isEmpty();
  }

  @Test
  void seal_writesVersionKeyIdNonceCiphertextTag_perDocumentedFormat() {
    KeyRing ring = ringWithOneKey();
    byte[] plaintext = utf8("0123456789");
    byte[] sealed = ring.seal(plaintext, COOKIE);
    assertThat(sealed[0]).isEqualTo(KeyRing.FORMAT_VERSION);
    assertThat(sealed[1]).isEqualTo((byte) 2);
    assertThat(new String(sealed, 2, 2, StandardCharsets.US_ASCII)).isEqualTo("k1");
    assertThat(sealed).hasSize(2 + 2 + KeyRing.NONCE_BYTES + plaintext.length + KeyRing.TAG_BYTES);
  }

  @Test
  void seal_samePlaintextTwice_differentNonceAndCiphertext() {
    KeyRing ring = ringWithOneKey();
    byte[] a = ring.seal(utf8("same"), COOKIE);
    byte[] b = ring.seal(utf8("same"), COOKIE);
    assertThat(Arrays.copyOfRange(a, 4, 16)).isNotEqualTo(Arrays.copyOfRange(b, 4, 16));
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void open_withOtherPurpose_failsGenerically() {
    KeyRing ring = ringWithOneKey();
    byte[] cookie = ring.seal(utf8("state"), COOKIE);
    assertThatThrownBy(() -> ring.open(cookie, SCT))
        .isInstanceOf(OpenFailedException.class)
        .hasMessage("failed");
  }

  @Test
  void open_anyByteTampered_failsGenerically() {
    KeyRing ring = ringWithOneKey();
    byte[] sealed = ring.seal(utf8("tamper me"), COOKIE);
    for (int i = 0; i < sealed.length; i++) {
      for (int bit : new int[] {0x01, 0x80}) {
        byte[] t = sealed.clone();
        t[i] ^= (byte) bit;
        int pos = i;
        assertThatThrownBy(() -> ring.open(t, COOKIE))
            .as("byte %d", pos)
            .isInstanceOf(OpenFailedException.class)
            .hasMessage("failed");
      }
    }
  }

  @Test
  void open_everyTruncation_andExtension_failsGenerically() {
    KeyRing ring = ringWithOneKey();
    byte[] sealed = ring.seal(utf8("truncate me"), COOKIE);
    for (int len = 0; len < sealed.length; len++) {
      byte[] t = Arrays.copyOf(sealed, len);
      assertThatThrownBy(() -> ring.open(t, COOKIE))
          .isInstanceOf(OpenFailedException.class)
          .hasMessage("failed");
    }
    byte[] longer = Arrays.copyOf(sealed, sealed.length + 1);
    assertThatThrownBy(() -> ring.open(longer, COOKIE)).hasMessage("failed");
  }

  @Test
  void open_unknownKeyId_failsGenerically() {
    byte[] sealed = ringWithOneKey().seal(utf8("x"), COOKIE);
    KeyRing other = KeyRing.of(clock, List.of(key("k2", T0, T0.plus(DAY))));
    assertThatThrownBy(() -> other.open(sealed, COOKIE)).hasMessage("failed");
    // Same id, different material: the tag fails.
    KeyRing impostor = KeyRing.of(clock, List.of(key("k1", T0, T0.plus(DAY))));
    assertThatThrownBy(() -> impostor.open(sealed, COOKIE)).hasMessage("failed");
  }

  @Test
  void open_keyIdRewrittenToAnotherKnownKey_fails() {
    KeyRing ring =
        KeyRing.of(clock, List.of(key("k1", T0, T0.plus(DAY)), key("k2", T0, T0.plus(DAY))));
    byte[] sealed = ring.seal(utf8("x"), COOKIE);
    byte[] swapped = sealed.clone();
    swapped[3] = (byte) (swapped[3] == '1' ? '2' : '1');
    assertThatThrownBy(() -> ring.open(swapped, COOKIE)).hasMessage("failed");
  }

  @Test
  void open_atExpiryExactly_fails_oneNanosecondBefore_succeeds() throws Exception {
    Instant expiry = T0.plus(DAY);
    KeyRing ring = KeyRing.of(clock, List.of(key("k1", T0, expiry)));
    byte[] sealed = ring.seal(utf8("x"), COOKIE);

    clock.set(expiry.minusNanos(1));
    assertThat(ring.open(sealed, COOKIE)).isEqualTo(utf8("x"));

    clock.set(expiry);
    assertThatThrownBy(() -> ring.open(sealed, COOKIE)).hasMessage("failed");
  }

  @Test
  void primary_futureKey_takesOverExactlyAtItsActivation() throws Exception {
    Instant switchAt = T0.plus(Duration.ofHours(10));
    KeyRing ring =
        KeyRing.of(clock, List.of(key("old", T0, T0.plus(DAY))))
            .withKey(key("new", switchAt, switchAt.plus(DAY)));

    clock.set(switchAt.minusNanos(1));
    assertThat(ring.primaryKey()).map(RingKey::keyId).contains("old");
    byte[] sealedByOld = ring.seal(utf8("a"), COOKIE);
    assertThat(new String(sealedByOld, 2, 3, StandardCharsets.US_ASCII)).isEqualTo("old");

    clock.set(switchAt);
    assertThat(ring.primaryKey()).map(RingKey::keyId).contains("new");
    byte[] sealedByNew = ring.seal(utf8("b"), COOKIE);
    assertThat(new String(sealedByNew, 2, 3, StandardCharsets.US_ASCII)).isEqualTo("new");

    // The older key still opens what it sealed until its own expiry.
    assertThat(ring.open(sealedByOld, COOKIE)).isEqualTo(utf8("a"));
  }

  @Test
  void open_keyNotYetActive_stillOpens_forNodesWhoseClockIsBehind() throws Exception {
    Instant switchAt = T0.plus(Duration.ofHours(1));
    RingKey next = key("next", switchAt, switchAt.plus(DAY));
    KeyRing aheadNode = KeyRing.of(MutableClock.at(switchAt), List.of(next));
    KeyRing behindNode = KeyRing.of(clock, List.of(key("cur", T0, T0.plus(DAY)))).withKey(next);

    byte[] sealed = aheadNode.seal(utf8("x"), COOKIE);
    assertThat(behindNode.primaryKey()).map(RingKey::keyId).contains("cur");
    assertThat(behindNode.open(sealed, COOKIE)).isEqualTo(utf8("x"));
  }

  @Test
  void primary_isNewestActivation_amongActiveKeys_tieBrokenByGreatestId() {
    KeyRing ring =
        KeyRing.of(
            clock,
            List.of(
                key("a", T0.minus(DAY), T0.plus(DAY)),
                key("c", T0, T0.plus(DAY)),
                key("b", T0, T0.plus(DAY)),
                key("expired", T0.minusSeconds(10), T0),
                key("future", T0.plusSeconds(1), T0.plus(DAY))));
    assertThat(ring.primaryKey()).map(RingKey::keyId).contains("c");
    assertThat(ring.keys().get(0).keyId()).isEqualTo("future");
  }

  @Test
  void seal_noActiveKey_failsLoudly_sayingWhatToDo() {
    KeyRing empty = KeyRing.of(clock, List.of());
    assertThatThrownBy(() -> empty.seal(utf8("x"), COOKIE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("add a key");
    KeyRing onlyFuture = KeyRing.of(clock, List.of(key("f", T0.plusSeconds(1), T0.plus(DAY))));
    assertThatThrownBy(() -> onlyFuture.seal(utf8("x"), COOKIE))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void withoutExpiredKeys_dropsOnlyExpired_withoutKeyRemovesById() {
    KeyRing ring =
        KeyRing.of(clock, List.of(key("gone", T0.minus(DAY), T0), key("live", T0, T0.plus(DAY))));
    assertThat(ring.withoutExpiredKeys().keys()).extracting(RingKey::keyId).containsExactly("live");
    assertThat(ring.withoutKey("live").keys()).extracting(RingKey::keyId).containsExactly("gone");
  }

  @Test
  void ring_duplicateKeyId_rejected() {
    KeyRing ring = ringWithOneKey();
    assertThatThrownBy(() -> ring.withKey(key("k1", T0, T0.plus(DAY))))
        .hasMessageContaining("duplicate key id k1");
  }

  @Test
  void ringKey_validation_namesTheRule() {
    SecretBytes k32 = SecretBytes.random(32);
    assertThatThrownBy(() -> RingKey.of("k", SecretBytes.random(16), T0, T0.plus(DAY)))
        .hasMessageContaining("KEY_BYTES");
    assertThatThrownBy(() -> RingKey.of("k", k32, T0, T0)).hasMessageContaining("after activation");
    assertThatThrownBy(() -> RingKey.of("", k32, T0, T0.plus(DAY)))
        .hasMessageContaining("MAX_KEY_ID_CHARS");
    assertThatThrownBy(() -> RingKey.of("a b", k32, T0, T0.plus(DAY)))
        .hasMessageContaining("[A-Za-z0-9._-]");
    assertThatThrownBy(() -> RingKey.of("x".repeat(65), k32, T0, T0.plus(DAY)))
        .hasMessageContaining("MAX_KEY_ID_CHARS");
    assertThat(RingKey.of("x".repeat(64), k32, T0, T0.plus(DAY)).keyId()).hasSize(64);
  }

  @Test
  void ringKey_equalsOnValues_toStringHidesMaterial() {
    SecretBytes material = SecretBytes.random(32);
    RingKey a = RingKey.of("k", material, T0, T0.plus(DAY));
    RingKey b = RingKey.of("k", SecretBytes.copyOf(material.toByteArray()), T0, T0.plus(DAY));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(RingKey.of("k", SecretBytes.random(32), T0, T0.plus(DAY)));
    assertThat(a.toString())
        .contains("k")
        .doesNotContain(java.util.HexFormat.of().formatHex(material.toByteArray()));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
