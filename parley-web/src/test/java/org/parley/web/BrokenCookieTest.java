package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.core.keys.KeyRing;
import org.parley.core.keys.RingKey;
import org.parley.web.SessionEvent.Reason;

/**
 * Every way a session cookie can be broken: the request continues as anonymous (a protected page
 * redirects to sign-in, never a 500), every session cookie sent is cleared, and a REJECTED event
 * carries the reason.
 */
class BrokenCookieTest {
  private WebFixture fx;

  @BeforeEach
  void start() throws Exception {
    fx = new WebFixture();
    fx.users.put("alice", Principals.alice());
    fx.users.put("big", Principals.large("bob", 6));
  }

  @AfterEach
  void stop() throws Exception {
    fx.close();
  }

  private WebFixture.Browser signedIn(String query) throws Exception {
    WebFixture.Browser br = fx.browser();
    assertThat(br.post("/signin?" + query).status()).isEqualTo(200);
    fx.events.clear();
    return br;
  }

  /** Requests a protected page with the browser's (broken) cookies and checks the outcome. */
  private void assertRejected(WebFixture.Browser br, Reason reason) throws Exception {
    Set<String> sent = Set.copyOf(br.cookies.keySet());
    WebFixture.Reply r = br.get("/app/page");
    assertThat(r.status()).isEqualTo(302);
    assertThat(r.location()).startsWith("/signin?returnUrl=");
    for (String name : sent) {
      assertThat(r.setCookies())
          .as("deletes " + name)
          .anyMatch(l -> l.startsWith(name + "=;") && l.contains("Max-Age=0"));
    }
    assertThat(br.cookies).isEmpty();
    assertThat(fx.events)
        .filteredOn(e -> e.type() == SessionEvent.Type.REJECTED)
        .extracting(e -> e.reason().orElseThrow())
        .containsExactly(reason);
    // and the public page, with the cookies gone, is simply anonymous
    assertThat(br.get("/public").body()).isEqualTo("anonymous");
  }

  private static String[] parts(String firstChunk) {
    return firstChunk.split("\\.", 4); // gen, count, length, data
  }

  @Test
  void corrupted_notTheChunkFormat_isMalformed() throws Exception {
    WebFixture.Browser br = fx.browser();
    br.cookies.put("parley.s", "garbage");
    assertRejected(br, Reason.MALFORMED);
  }

  @Test
  void corrupted_lengthLiesAboutData_isMalformed() throws Exception {
    WebFixture.Browser br = signedIn("user=alice");
    String[] p = parts(br.cookies.get("parley.s"));
    br.cookies.put("parley.s", p[0] + "." + p[1] + "." + (Integer.parseInt(p[2]) - 4) + "." + p[3]);
    assertRejected(br, Reason.MALFORMED);
  }

  @Test
  void truncatedCookie_isTruncated() throws Exception {
    WebFixture.Browser br = signedIn("user=alice");
    String v = br.cookies.get("parley.s");
    br.cookies.put("parley.s", v.substring(0, v.length() - 8));
    assertRejected(br, Reason.TRUNCATED);
  }

  @Test
  void tamperedByte_isTampered() throws Exception {
    WebFixture.Browser br = signedIn("user=alice");
    String v = br.cookies.get("parley.s");
    int i = v.length() - 20;
    char c = v.charAt(i) == 'A' ? 'B' : 'A';
    br.cookies.put("parley.s", v.substring(0, i) + c + v.substring(i + 1));
    assertRejected(br, Reason.TAMPERED);
  }

  @Test
  void sealedUnderAKeyTheRingDoesNotHold_isWrongKey() throws Exception {
    WebFixture.Browser br = signedIn("user=alice");
    fx.ring.set(
        KeyRing.of(
            fx.clock,
            List.of(
                RingKey.generate(
                    "other",
                    fx.clock.instant().minusSeconds(1),
                    fx.clock.instant().plus(Duration.ofDays(1))))));
    assertRejected(br, Reason.WRONG_KEY);
  }

  @Test
  void sameKeyIdDifferentMaterial_isTampered() throws Exception {
    WebFixture.Browser br = signedIn("user=alice");
    fx.ring.set(
        KeyRing.of(
            fx.clock,
            List.of(
                RingKey.generate(
                    "k1",
                    fx.clock.instant().minusSeconds(1),
                    fx.clock.instant().plus(Duration.ofDays(1))))));
    assertRejected(br, Reason.TAMPERED);
  }

  @Test
  void chunksOfTwoSets_areMixedGeneration() throws Exception {
    WebFixture.Browser a = signedIn("user=big");
    WebFixture.Browser b = signedIn("user=big");
    assertThat(a.cookies).containsKey("parley.s.1");
    a.cookies.put("parley.s.1", b.cookies.get("parley.s.1"));
    assertRejected(a, Reason.MIXED_GENERATION);
  }

  @Test
  void missingMiddleChunk_isPartialChunkSet() throws Exception {
    WebFixture.Browser br = signedIn("user=big");
    br.cookies.remove("parley.s.1");
    assertRejected(br, Reason.PARTIAL_CHUNK_SET);
  }

  @Test
  void missingFirstChunk_isPartialChunkSet() throws Exception {
    WebFixture.Browser br = signedIn("user=big");
    br.cookies.remove("parley.s");
    assertRejected(br, Reason.PARTIAL_CHUNK_SET);
  }

  @Test
  void cookiesOverTheBudget_areOversized() throws Exception {
    WebFixture.Browser br = signedIn("user=alice");
    br.cookies.put("parley.s.7", "A".repeat(9000));
    assertRejected(br, Reason.OVERSIZED);
  }

  @Test
  void twoCookiesOfOneName_areMalformed() throws Exception {
    WebFixture.Browser br = signedIn("user=alice");
    String v = br.cookies.get("parley.s");
    br.cookies.clear();
    WebFixture.Reply r =
        br.send(
            HttpRequest.newBuilder(fx.uri("/app/x"))
                .header("Cookie", "parley.s=" + v + "; parley.s=" + v));
    assertThat(r.status()).isEqualTo(302);
    assertThat(r.setCookies()).anyMatch(l -> l.startsWith("parley.s=;"));
    assertThat(fx.events.get(0).reason()).contains(Reason.MALFORMED);
  }

  @Test
  void referenceRemovedFromStore_isUnknownReference() throws Exception {
    WebFixture.Browser br = signedIn("user=alice&ref=1");
    WebFixture.Browser other = fx.browser();
    other.cookies.putAll(br.cookies);
    other.post("/signout");
    fx.events.clear();
    assertRejected(br, Reason.UNKNOWN_REFERENCE);
  }

  @Test
  void signedOutEverywhere_cookieModeSession_isRevoked() throws Exception {
    WebFixture.Browser br = signedIn("user=alice");
    WebFixture.Browser other = fx.browser();
    other.cookies.putAll(br.cookies);
    other.post("/signout-everywhere");
    fx.events.clear();
    assertRejected(br, Reason.REVOKED);
  }

  @Test
  void validFromBeyondTheSkew_isNotYetValid() throws Exception {
    WebFixture.Browser br = signedIn("user=alice");
    fx.clock.advance(Duration.ofMinutes(-6)); // default skew is 5 min
    assertRejected(br, Reason.NOT_YET_VALID);
  }

  @Test
  void validFromWithinTheSkew_isAccepted() throws Exception {
    WebFixture.Browser br = signedIn("user=alice");
    fx.clock.advance(Duration.ofMinutes(-5));
    assertThat(br.get("/app/x").status()).isEqualTo(200);
  }

  /** Issue 5 degraded mode: 503 with Retry-After on protected pages, cookies kept, recovery. */
  @Test
  void storeDown_referenceSession_503WithRetryAfter_cookiesKept_worksAgainWhenStoreIsBack()
      throws Exception {
    WebFixture.Browser br = signedIn("user=alice&ref=1");
    Map<String, String> cookies = Map.copyOf(br.cookies);
    fx.store.failing.set(true);
    fx.events.clear();
    WebFixture.Reply r;
    try {
      r = br.get("/app/page");
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).contains("5");
      assertThat(r.setCookies()).as("no cookie deleted").isEmpty();
      assertThat(br.cookies).isEqualTo(cookies);
      assertThat(fx.events)
          .extracting(e -> e.reason().orElseThrow())
          .containsExactly(Reason.STORE_UNAVAILABLE);
      assertThat(br.get("/public").status()).as("public pages stay available").isEqualTo(200);
    } finally {
      fx.store.failing.set(false);
    }
    r = br.get("/app/page");
    assertThat(r.status()).as("the same session, without signing in again").isEqualTo(200);
  }

  @Test
  void storeDown_cookieSessionRevokedBefore_staysRevoked_byTheLastMarkThisNodeRead()
      throws Exception {
    WebFixture.Browser br = signedIn("user=alice");
    WebFixture.Browser other = fx.browser();
    other.cookies.putAll(br.cookies);
    other.post("/signout-everywhere");
    fx.events.clear();
    fx.store.failing.set(true);
    try {
      assertRejected(br, Reason.REVOKED);
    } finally {
      fx.store.failing.set(false);
    }
  }

  @Test
  void storeDown_cookieSession_needsNoStore_keepsWorking() throws Exception {
    WebFixture.Browser br = signedIn("user=alice");
    fx.store.failing.set(true);
    try {
      assertThat(br.get("/app/page").status()).isEqualTo(200);
    } finally {
      fx.store.failing.set(false);
    }
  }

  @Test
  void manyMutilatedCookies_neverA500_alwaysAnonymousWithAReason() throws Exception {
    WebFixture.Browser good = signedIn("user=big");
    Map<String, String> original = Map.copyOf(good.cookies);
    String first = original.get("parley.s");
    for (int cut = 1; cut < first.length(); cut += Math.max(1, first.length() / 40)) {
      WebFixture.Browser br = fx.browser();
      br.cookies.putAll(original);
      br.cookies.put("parley.s", first.substring(0, cut));
      fx.events.clear();
      WebFixture.Reply r = br.get("/app/x");
      assertThat(r.status()).as("cut at " + cut).isEqualTo(302);
      assertThat(fx.events).hasSize(1);
      assertThat(fx.events.get(0).type()).isEqualTo(SessionEvent.Type.REJECTED);
    }
    for (int i = 0; i < first.length(); i += Math.max(1, first.length() / 40)) {
      WebFixture.Browser br = fx.browser();
      br.cookies.putAll(original);
      char c = first.charAt(i) == 'x' ? 'y' : 'x';
      br.cookies.put("parley.s", first.substring(0, i) + c + first.substring(i + 1));
      fx.events.clear();
      WebFixture.Reply r = br.get("/app/x");
      assertThat(r.status()).as("flip at " + i).isEqualTo(302);
      assertThat(fx.events)
          .extracting(SessionEvent::type)
          .containsExactly(SessionEvent.Type.REJECTED);
    }
  }
}
