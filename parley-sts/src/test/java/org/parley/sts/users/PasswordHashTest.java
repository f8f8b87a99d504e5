package org.parley.sts.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.parley.core.testing.MutableClock;
import org.parley.sts.demo.DemoFederation;

class PasswordHashTest {
  @Test
  void roundTrip_andWrongPasswordFails() {
    PasswordHash h =
        PasswordHash.create(
            "s3cret".toCharArray(), PasswordHash.MIN_ITERATIONS, new SecureRandom());
    PasswordHash read = PasswordHash.parse(h.encoded());
    assertThat(read.matches("s3cret".toCharArray())).isTrue();
    assertThat(read.matches("s3cret ".toCharArray())).isFalse();
    assertThat(read.toString()).doesNotContain(h.encoded().substring(25));
  }

  @Test
  void fewerThan600000Iterations_isRefused_owasp() {
    String weak = PasswordHash.PREFIX + "599999$AAAAAAAAAAAAAAAAAAAAAA==$" + "A".repeat(43) + "=";
    assertThatThrownBy(() -> PasswordHash.parse(weak)).hasMessageContaining("MIN_ITERATIONS");
  }

  @Test
  void demoUsers_holdAliceAndTheLargeUser() {
    UserStore users = DemoFederation.demoUsers();
    StoredUser alice = users.find("alice").orElseThrow();
    assertThat(alice.passwordHash().iterations()).isGreaterThanOrEqualTo(600_000);
    assertThat(alice.passwordHash().matches("alice-password".toCharArray())).isTrue();
    assertThat(users.find("bob").orElseThrow().claims()).hasSizeGreaterThan(60);
    assertThat(users.find("Alice")).isEmpty();
  }

  @Test
  void fileFormat_errorsNameTheLine() {
    assertThatThrownBy(() -> FileUserStore.parse("user a\nclaim x\n", "t"))
        .hasMessageContaining("t line 2");
    assertThatThrownBy(() -> FileUserStore.parse("claim a b\n", "t"))
        .hasMessageContaining("line 1");
  }

  @Test
  void throttle_perAddress_andWindowEnd() {
    MutableClock clock = MutableClock.atDefaultStart();
    SignInThrottle t = SignInThrottle.of(clock, 100, 3, Duration.ofMinutes(15));
    for (int i = 0; i < 3; i++) {
      assertThat(t.allowed("u" + i, "10.0.0.1")).isTrue();
      t.failed("u" + i, "10.0.0.1");
    }
    assertThat(t.allowed("fresh-user", "10.0.0.1")).isFalse();
    assertThat(t.allowed("fresh-user", "10.0.0.2")).isTrue();
    clock.advance(Duration.ofMinutes(15));
    assertThat(t.allowed("fresh-user", "10.0.0.1")).isTrue();
  }
}
