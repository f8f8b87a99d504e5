package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.core.keys.KeyRing;
import org.parley.core.keys.RingKey;
import org.parley.core.testing.MutableClock;
import org.parley.web.SessionEvent.Reason;

/** {@link SessionManager#issue} and {@link SessionManager#check}, for hosts without servlets. */
class ServletFreeApiTest {
  private final MutableClock clock = MutableClock.atDefaultStart();
  private final SessionManager manager =
      SessionManager.builder()
          .clock(clock)
          .keyRing(
              KeyRing.of(
                  clock,
                  List.of(
                      RingKey.generate(
                          "k1", clock.instant(), clock.instant().plus(Duration.ofDays(1))))))
          .build();

  private static List<Map.Entry<String, String>> cookiesOf(IssuedSession s) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (String line : s.setCookieHeaders()) {
      String nv = line.split(";", 2)[0];
      int eq = nv.indexOf('=');
      out.add(Map.entry(nv.substring(0, eq), nv.substring(eq + 1)));
    }
    return out;
  }

  @Test
  void issueThenCheck_rebuildsThePrincipal_inCookieAndReferenceMode() {
    IssuedSession small = manager.issue(Principals.multi("m"), SignInOptions.defaults(), true);
    assertThat(small.session().mode()).isEqualTo(SessionMode.COOKIE);
    assertThat(small.setCookieHeaders()).allMatch(l -> l.contains("; Secure"));
    SessionCheck c = manager.check(cookiesOf(small));
    assertThat(c.rejection()).isEmpty();
    assertThat(c.session().orElseThrow().principal()).isEqualTo(Principals.multi("m"));
    assertThat(c.session().orElseThrow().cookieBytes()).isEqualTo(small.session().cookieBytes());

    IssuedSession big = manager.issue(Principals.large("x", 14), SignInOptions.defaults(), false);
    assertThat(big.session().mode()).isEqualTo(SessionMode.REFERENCE);
    assertThat(manager.check(cookiesOf(big)).session().orElseThrow().principal())
        .isEqualTo(Principals.large("x", 14));
  }

  @Test
  void check_noSessionCookie_isAnonymousWithoutReason_tamperedHasTheReason() {
    assertThat(manager.check(List.of(Map.entry("other", "x"))).session()).isEmpty();
    assertThat(manager.check(List.of()).rejection()).isEmpty();
    List<Map.Entry<String, String>> c =
        cookiesOf(manager.issue(Principals.alice(), SignInOptions.defaults(), false));
    String v = c.get(0).getValue();
    int i = v.length() - 10;
    String bad = v.substring(0, i) + (v.charAt(i) == 'Q' ? 'R' : 'Q') + v.substring(i + 1);
    assertThat(manager.check(List.of(Map.entry("parley.s", bad))).rejection())
        .contains(Reason.TAMPERED);
  }

  @Test
  void absoluteLifetimeOption_shortensButNeverExtends() {
    IssuedSession s =
        manager.issue(
            Principals.alice(),
            SignInOptions.builder().absoluteLifetime(Duration.ofMinutes(30)).build(),
            false);
    assertThat(s.session().token().absoluteExpiry())
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
    IssuedSession longer =
        manager.issue(
            Principals.alice(),
            SignInOptions.builder().absoluteLifetime(Duration.ofDays(30)).build(),
            false);
    assertThat(longer.session().token().absoluteExpiry())
        .isEqualTo(clock.instant().plus(SessionManager.DEFAULT_ABSOLUTE_LIFETIME));
    clock.advance(Duration.ofMinutes(30));
    assertThat(manager.check(cookiesOf(s)).rejection()).contains(Reason.ABSOLUTE_EXPIRED);
  }

  @Test
  void userKey_defaultsToNameIdentifier_thenName() {
    assertThat(manager.userKeyOf(Principals.alice())).contains("alice-id");
    assertThat(
            manager
                .issue(Principals.large("x", 1), SignInOptions.defaults(), false)
                .session()
                .token()
                .userKey())
        .isEqualTo("x-id");
  }
}
