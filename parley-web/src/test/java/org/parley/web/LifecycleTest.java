package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.core.keys.KeyRing;
import org.parley.core.keys.RingKey;
import org.parley.web.SessionEvent.Reason;

/** Sliding and absolute expiry at exact boundaries, sign-out, sign-out everywhere, key rotation. */
class LifecycleTest {
  private static final Duration SLIDING = Duration.ofMinutes(20);
  private static final Duration ABSOLUTE = Duration.ofMinutes(60);
  private static final Duration NANO = Duration.ofNanos(1);

  private WebFixture fx;

  private void start() throws Exception {
    fx = new WebFixture(b -> b.slidingWindow(SLIDING).absoluteLifetime(ABSOLUTE));
    fx.users.put("alice", Principals.alice());
    fx.users.put("big", Principals.large("bob", 6));
  }

  @AfterEach
  void stop() throws Exception {
    if (fx != null) {
      fx.close();
    }
  }

  private List<SessionEvent> events(SessionEvent.Type type) {
    return fx.events.stream().filter(e -> e.type() == type).toList();
  }

  @Test
  void sliding_atExactlyHalfTheWindow_noRenewal_oneNanoLater_renewedWithNewId() throws Exception {
    start();
    WebFixture.Browser br = fx.browser();
    Instant t0 = fx.clock.instant();
    br.post("/signin?user=alice");
    String firstId = events(SessionEvent.Type.ISSUED).get(0).sessionId().orElseThrow();
    String cookie = br.cookies.get("parley.s");

    fx.clock.set(t0.plus(SLIDING.dividedBy(2)));
    WebFixture.Reply r = br.get("/app/x");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.setCookies()).isEmpty();

    fx.clock.set(t0.plus(SLIDING.dividedBy(2)).plus(NANO));
    r = br.get("/app/x");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.setCookies()).hasSize(1);
    assertThat(br.cookies.get("parley.s")).isNotEqualTo(cookie);
    List<SessionEvent> renewed = events(SessionEvent.Type.RENEWED);
    assertThat(renewed).hasSize(1);
    assertThat(renewed.get(0).sessionId().orElseThrow()).isNotEqualTo(firstId);
  }

  @Test
  void slidingExpiry_lastNanoValid_exactInstantExpired() throws Exception {
    start();
    WebFixture.Browser br = fx.browser();
    Instant t0 = fx.clock.instant();
    br.post("/signin?user=alice");
    WebFixture.Browser copy = fx.browser();
    copy.cookies.putAll(br.cookies);

    fx.clock.set(t0.plus(SLIDING).minus(NANO));
    assertThat(br.get("/app/x").status()).isEqualTo(200);

    fx.clock.set(t0.plus(SLIDING));
    fx.events.clear();
    WebFixture.Reply r = copy.get("/app/x");
    assertThat(r.status()).isEqualTo(302);
    assertThat(fx.events.get(0).reason()).contains(Reason.SLIDING_EXPIRED);
  }

  @Test
  void renewals_neverPassTheAbsoluteExpiry_whichEndsTheSessionExactly() throws Exception {
    start();
    WebFixture.Browser br = fx.browser();
    Instant t0 = fx.clock.instant();
    br.post("/signin?user=alice");
    // keep the session busy: a request every 15 min renews it each time
    for (int m = 15; m < 60; m += 15) {
      fx.clock.set(t0.plus(Duration.ofMinutes(m)));
      assertThat(br.get("/app/x").status()).as("minute " + m).isEqualTo(200);
    }
    assertThat(events(SessionEvent.Type.RENEWED)).hasSize(3);
    fx.clock.set(t0.plus(ABSOLUTE).minus(NANO));
    assertThat(br.get("/app/x").status()).isEqualTo(200);
    fx.clock.set(t0.plus(ABSOLUTE));
    fx.events.clear();
    assertThat(br.get("/app/x").status()).isEqualTo(302);
    assertThat(fx.events.get(0).reason()).contains(Reason.ABSOLUTE_EXPIRED);
  }

  @Test
  void referenceModeRenewal_movesTheTokenToANewEntry_oldOneLastsOnlyTheRenewalGrace()
      throws Exception {
    start();
    WebFixture.Browser br = fx.browser();
    Instant t0 = fx.clock.instant();
    br.post("/signin?user=alice&ref=1");
    WebFixture.Browser old = fx.browser();
    old.cookies.putAll(br.cookies);
    fx.clock.set(t0.plus(Duration.ofMinutes(11)));
    assertThat(br.get("/app/x").status()).isEqualTo(200);
    assertThat(events(SessionEvent.Type.RENEWED).get(0).mode()).contains(SessionMode.REFERENCE);
    assertThat(br.get("/app/x").status()).isEqualTo(200);
    // a request sent in parallel with the old cookie, within the grace, still works
    WebFixture.Browser parallel = fx.browser();
    parallel.cookies.putAll(old.cookies);
    fx.clock.advance(SessionManager.RENEWAL_GRACE.minus(NANO));
    assertThat(parallel.get("/app/x").status()).isEqualTo(200);
    fx.clock.advance(NANO);
    fx.events.clear();
    assertThat(old.get("/app/x").status()).isEqualTo(302);
    assertThat(fx.events.get(0).reason()).contains(Reason.UNKNOWN_REFERENCE);
    assertThat(br.get("/app/x").status()).isEqualTo(200);
  }

  @Test
  void parallelRequestsDueForRenewal_allSucceed_inBothModes() throws Exception {
    start();
    for (String query : new String[] {"user=alice", "user=alice&ref=1"}) {
      WebFixture.Browser br = fx.browser();
      Instant t0 = fx.clock.instant();
      br.post("/signin?" + query);
      fx.clock.set(t0.plus(Duration.ofMinutes(11)));
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(8);
      try {
        List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 32; i++) {
          results.add(
              pool.submit(
                  () -> {
                    WebFixture.Browser copy = fx.browser();
                    copy.cookies.putAll(br.cookies);
                    return copy.get("/app/x").status();
                  }));
        }
        for (java.util.concurrent.Future<Integer> f : results) {
          assertThat(f.get(60, java.util.concurrent.TimeUnit.SECONDS)).as(query).isEqualTo(200);
        }
      } finally {
        pool.shutdownNow();
      }
      fx.clock.set(t0);
    }
  }

  @Test
  void signOut_deletesEveryChunk_andTheNextRequestIsAnonymous() throws Exception {
    start();
    WebFixture.Browser br = fx.browser();
    br.post("/signin?user=big");
    Set<String> names = Set.copyOf(br.cookies.keySet());
    assertThat(names).hasSizeGreaterThan(1);
    WebFixture.Reply r = br.post("/signout");
    assertThat(r.status()).isEqualTo(200);
    for (String name : names) {
      assertThat(r.setCookies())
          .anyMatch(
              l -> l.startsWith(name + "=;") && l.contains("Max-Age=0") && l.contains("Path=/"));
    }
    assertThat(br.cookies).isEmpty();
    assertThat(br.get("/app/x").status()).isEqualTo(302);
    assertThat(events(SessionEvent.Type.SIGNED_OUT)).hasSize(1);
  }

  @Test
  void signOut_referenceMode_revokesTheSessionInTheStore() throws Exception {
    start();
    WebFixture.Browser br = fx.browser();
    br.post("/signin?user=alice&ref=1");
    WebFixture.Browser replay = fx.browser();
    replay.cookies.putAll(br.cookies);
    br.post("/signout");
    fx.events.clear();
    assertThat(replay.get("/app/x").status()).isEqualTo(302);
    assertThat(fx.events.get(0).reason()).contains(Reason.UNKNOWN_REFERENCE);
  }

  @Test
  void signOutEverywhere_endsCookieAndReferenceSessionsOfTheUser_notOthers_andAllowsANewSignIn()
      throws Exception {
    start();
    fx.users.put("alice2", Principals.alice());
    fx.users.put("carol", Principals.multi("carol"));
    WebFixture.Browser cookieMode = fx.browser();
    cookieMode.post("/signin?user=alice");
    WebFixture.Browser referenceMode = fx.browser();
    referenceMode.post("/signin?user=alice2&ref=1");
    WebFixture.Browser carol = fx.browser();
    carol.post("/signin?user=carol&ref=1");
    WebFixture.Browser actor = fx.browser();
    actor.post("/signin?user=alice");

    fx.clock.advance(Duration.ofSeconds(1));
    WebFixture.Reply r = actor.post("/signout-everywhere");
    assertThat(r.body()).isEqualTo("removed 1");
    assertThat(actor.cookies).isEmpty();

    fx.events.clear();
    assertThat(cookieMode.get("/app/x").status()).isEqualTo(302);
    assertThat(referenceMode.get("/app/x").status()).isEqualTo(302);
    assertThat(fx.events)
        .extracting(e -> e.reason().orElseThrow())
        .containsExactly(Reason.REVOKED, Reason.UNKNOWN_REFERENCE);
    assertThat(carol.get("/app/x").status()).isEqualTo(200);

    fx.clock.advance(Duration.ofSeconds(1));
    WebFixture.Browser again = fx.browser();
    again.post("/signin?user=alice");
    assertThat(again.get("/app/x").status()).isEqualTo(200);
  }

  @Test
  void keyRotation_newPrimaryKey_oldCookiesStayValid_renewalsSealUnderTheNewKey() throws Exception {
    start();
    WebFixture.Browser br = fx.browser();
    Instant t0 = fx.clock.instant();
    br.post("/signin?user=alice");
    assertThat(keyIdOf(br.cookies.get("parley.s"))).isEqualTo("k1");

    fx.ring.set(
        fx.ring
            .get()
            .withKey(RingKey.generate("k2", t0.plusSeconds(1), t0.plus(Duration.ofDays(30)))));
    fx.clock.set(t0.plusSeconds(2));
    assertThat(fx.ring.get().primaryKey().orElseThrow().keyId()).isEqualTo("k2");
    assertThat(br.get("/app/x").status()).isEqualTo(200);
    assertThat(fx.lastSeen.get()).isEqualTo(fx.users.get("alice"));

    fx.clock.set(t0.plus(Duration.ofMinutes(11)));
    assertThat(br.get("/app/x").setCookies()).hasSize(1);
    assertThat(keyIdOf(br.cookies.get("parley.s"))).isEqualTo("k2");

    // once the old key is dropped, a cookie still sealed under it is refused as WRONG_KEY
    WebFixture.Browser stale = fx.browser();
    fx.ring.set(KeyRing.of(fx.clock, List.of(fx.ring.get().keys().get(1))));
    fx.clock.set(t0.plusSeconds(3));
    stale.post("/signin?user=alice"); // sealed under k1
    fx.ring.set(
        fx.ring
            .get()
            .withKey(RingKey.generate("k3", t0, t0.plus(Duration.ofDays(1))))
            .withoutKey("k1"));
    fx.events.clear();
    assertThat(stale.get("/app/x").status()).isEqualTo(302);
    assertThat(fx.events.get(0).reason()).contains(Reason.WRONG_KEY);
  }

  private static String keyIdOf(String firstChunk) {
    String data = firstChunk.split("\\.", 4)[3];
    byte[] sealed = Base64.getUrlDecoder().decode(data.substring(0, 8));
    return new String(sealed, 2, sealed[1], StandardCharsets.US_ASCII);
  }
}
