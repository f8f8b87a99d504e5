package org.parley.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SecretBytesTest {

  @Test
  void copyOf_laterChangeToSourceArray_doesNotReachSecret() {
    byte[] source = {1, 2, 3, 4};
    SecretBytes secret = SecretBytes.copyOf(source);
    source[0] = 99;
    assertThat(secret.toByteArray()).containsExactly(1, 2, 3, 4);
  }

  @Test
  void toByteArray_changeToReturnedArray_doesNotReachSecret() {
    SecretBytes secret = SecretBytes.copyOf(new byte[] {5, 6, 7});
    byte[] out = secret.toByteArray();
    out[1] = 0;
    assertThat(secret.toByteArray()).containsExactly(5, 6, 7);
    assertThat(secret.toByteArray()).isNotSameAs(secret.toByteArray());
  }

  @Test
  void copyOfRange_copiesOnlyTheWindow_andIsIndependent() {
    byte[] source = {0, 1, 2, 3, 4, 5};
    SecretBytes secret = SecretBytes.copyOf(source, 2, 3);
    source[3] = 42;
    assertThat(secret.toByteArray()).containsExactly(2, 3, 4);
    assertThat(secret.lengthBytes()).isEqualTo(3);
  }

  @Test
  void copyOfRange_outOfBounds_rejected() {
    assertThatThrownBy(() -> SecretBytes.copyOf(new byte[4], 2, 3))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> SecretBytes.copyOf(new byte[4], -1, 1))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> SecretBytes.copyOf(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void equalsConstantTime_sameBytes_true_differentBytesOrLength_false() {
    SecretBytes a = SecretBytes.copyOf(new byte[] {1, 2, 3});
    assertThat(a.equalsConstantTime(SecretBytes.copyOf(new byte[] {1, 2, 3}))).isTrue();
    assertThat(a.equalsConstantTime(SecretBytes.copyOf(new byte[] {1, 2, 4}))).isFalse();
    assertThat(a.equalsConstantTime(SecretBytes.copyOf(new byte[] {1, 2}))).isFalse();
    assertThat(a.equalsConstantTime((SecretBytes) null)).isFalse();
    assertThat(a.equalsConstantTime(new byte[] {1, 2, 3})).isTrue();
    assertThat(a.equalsConstantTime(new byte[] {0, 2, 3})).isFalse();
    assertThat(a.equalsConstantTime((byte[]) null)).isFalse();
  }

  /** Secrets never compare equal by accident (e.g. as map keys): only by identity. */
  @Test
  void equals_isIdentity_evenForSameBytes() {
    SecretBytes a = SecretBytes.copyOf(new byte[] {1, 2, 3});
    SecretBytes b = SecretBytes.copyOf(new byte[] {1, 2, 3});
    assertThat(a).isEqualTo(a);
    assertThat(a).isNotEqualTo(b);
    assertThat(a.hashCode()).isEqualTo(a.hashCode());
  }

  @Test
  void toString_showsLengthOnly_neverMaterial() {
    byte[] material = HexFormat.of().parseHex("deadbeefcafebabe0011223344556677");
    SecretBytes secret = SecretBytes.copyOf(material);
    String s = secret.toString();
    assertThat(s).isEqualTo("SecretBytes[16 bytes]");
    assertThat(s.toLowerCase(java.util.Locale.ROOT)).doesNotContain("dead", "beef", "cafe");
    assertThat(s).doesNotContain(java.util.Base64.getEncoder().encodeToString(material));
  }

  @Test
  void random_variousLengths_haveThatLength_andDiffer() {
    Random lengths = new Random(7);
    for (int i = 0; i < 200; i++) {
      int n = 1 + lengths.nextInt(256);
      SecretBytes a = SecretBytes.random(n);
      SecretBytes b = SecretBytes.random(n);
      assertThat(a.lengthBytes()).isEqualTo(n);
      if (n >= 8) {
        // 2^-64 chance of a false failure
        assertThat(a.equalsConstantTime(b)).isFalse();
      }
    }
  }

  @Test
  void random_withInjectedSecureRandom_usesIt() {
    SecureRandom fixed =
        new SecureRandom() {
          @Override
          public void nextBytes(byte[] bytes) {
            java.util.Arrays.fill(bytes, (byte) 7);
          }
        };
    assertThat(SecretBytes.random(4, fixed).toByteArray()).containsExactly(7, 7, 7, 7);
  }

  @Test
  void random_nonPositiveLength_rejected_namingTheArgument() {
    assertThatThrownBy(() -> SecretBytes.random(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lengthBytes");
  }

  @Test
  void wrapOwned_takesArrayWithoutCopy_butStillCopiesOut() {
    byte[] owned = {1, 2};
    SecretBytes secret = SecretBytes.wrapOwned(owned);
    assertThat(secret.toByteArray()).containsExactly(1, 2).isNotSameAs(owned);
  }
}
