package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.core.claims.Claim;
import org.parley.core.claims.ClaimsPrincipal;
import org.parley.core.store.StoredSession;

class SessionRoundTripTest {
  private WebFixture fx;
  private RecordingStore store;

  private WebFixture start(java.util.function.UnaryOperator<SessionManager.Builder> more)
      throws Exception {
    fx = new WebFixture(more);
    store = fx.store;
    fx.users.put("alice", Principals.alice());
    fx.users.put("multi", Principals.multi("mallory"));
    fx.users.put("big", Principals.large("bob", 6));
    fx.users.put("huge", Principals.large("hugo", 14));
    return fx;
  }

  @AfterEach
  void stop() throws Exception {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void signIn_cookie_rebuildsEveryIdentityClaimActorAndBootstrapToken() throws Exception {
    start(b -> b);
    WebFixture.Browser br = fx.browser();
    WebFixture.Reply in = br.post("/signin?user=multi");
    assertThat(in.status()).isEqualTo(200);
    assertThat(in.body()).startsWith("COOKIE");

    WebFixture.Reply page = br.get("/app/claims");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).isEqualTo("user mallory PARLEY_SESSION");
    ClaimsPrincipal seen = fx.lastSeen.get();
    ClaimsPrincipal sent = fx.users.get("multi");
    assertThat(seen).isEqualTo(sent);
    assertThat(seen.identities()).hasSize(3);
    assertThat(seen.claims()).hasSize(sent.claims().size());
    assertThat(seen.identities().get(0).bootstrapToken().orElseThrow().serializedForm())
        .isEqualTo(sent.identities().get(0).bootstrapToken().orElseThrow().serializedForm());
    assertThat(seen.identities().get(0).actor()).isEqualTo(sent.identities().get(0).actor());
    Claim email =
        seen.identities().get(0).findFirst(org.parley.core.claims.ClaimTypes.EMAIL).orElseThrow();
    assertThat(email.originalIssuer()).isEqualTo("https://idp.example.org/");
    assertThat(fx.lastUserPrincipalName.get()).isEqualTo("mallory");
  }

  @Test
  void setCookie_hasPathHttpOnlySameSiteLax_andNoSecureOverPlainHttp() throws Exception {
    start(b -> b);
    WebFixture.Reply in = fx.browser().post("/signin?user=alice");
    assertThat(in.setCookies()).hasSize(1);
    String line = in.setCookies().get(0);
    assertThat(line).startsWith("parley.s=");
    assertThat(line).contains("; Path=/").contains("; HttpOnly").contains("; SameSite=Lax");
    assertThat(line).doesNotContain("Secure");
  }

  @Test
  void httpsRequest_getsSecureCookies_byDefault() throws Exception {
    start(b -> b);
    WebFixture.Browser br = fx.browser();
    WebFixture.Reply in =
        br.send(
            java.net.http.HttpRequest.newBuilder(fx.uri("/signin?user=alice"))
                .header("X-Forwarded-Proto", "https")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
    assertThat(in.setCookies()).hasSize(1);
    assertThat(in.setCookies().get(0)).contains("; Secure").contains("; HttpOnly");
  }

  @Test
  void cookieSecurityAlways_andConfiguredPath_areWritten() throws Exception {
    start(b -> b.cookieSecurity(CookieSecurity.ALWAYS).cookiePath("/app"));
    String line = fx.browser().post("/signin?user=alice").setCookies().get(0);
    assertThat(line).contains("; Path=/app;").contains("; Secure");
  }

  @Test
  void largePrincipal_isChunked_everySetCookieAtMost4096Bytes() throws Exception {
    start(b -> b);
    WebFixture.Browser br = fx.browser();
    WebFixture.Reply in = br.post("/signin?user=big");
    assertThat(in.body()).startsWith("COOKIE");
    assertThat(in.setCookies()).hasSizeGreaterThan(1);
    for (String line : in.setCookies()) {
      assertThat(line.getBytes(StandardCharsets.US_ASCII).length).isLessThanOrEqualTo(4096);
      assertThat(line).contains("; Path=/").contains("; HttpOnly").contains("; SameSite=Lax");
    }
    Set<String> names = br.cookies.keySet();
    assertThat(names).contains("parley.s", "parley.s.1");
    assertThat(br.sessionCookieBytes())
        .isLessThanOrEqualTo(SessionManager.DEFAULT_COOKIE_BUDGET_BYTES);
    assertThat(br.get("/app/x").status()).isEqualTo(200);
    assertThat(fx.lastSeen.get()).isEqualTo(fx.users.get("big"));
  }

  @Test
  void overBudget_switchesThatSessionToReferenceMode() throws Exception {
    start(b -> b);
    WebFixture.Browser br = fx.browser();
    WebFixture.Reply in = br.post("/signin?user=huge");
    assertThat(in.body()).startsWith("REFERENCE");
    assertThat(in.setCookies()).hasSize(1);
    assertThat(br.sessionCookieBytes()).isLessThan(300);
    assertThat(br.get("/app/x").status()).isEqualTo(200);
    assertThat(fx.lastSeen.get()).isEqualTo(fx.users.get("huge"));
    // the small one stays in cookie mode on the same manager
    assertThat(fx.browser().post("/signin?user=alice").body()).startsWith("COOKIE");
  }

  @Test
  void referenceMode_forcedPerSignIn_andByPolicy() throws Exception {
    start(b -> b);
    WebFixture.Browser br = fx.browser();
    assertThat(br.post("/signin?user=alice&ref=1").body()).startsWith("REFERENCE");
    assertThat(br.get("/app/x").status()).isEqualTo(200);
    assertThat(fx.lastSeen.get()).isEqualTo(fx.users.get("alice"));
    fx.close();
    start(b -> b.referenceMode(ReferenceModePolicy.ALWAYS));
    assertThat(fx.browser().post("/signin?user=alice").body()).startsWith("REFERENCE");
  }

  @Test
  void referenceModeNever_overBudgetSignInFails_butSmallWorks() throws Exception {
    start(b -> b.referenceMode(ReferenceModePolicy.NEVER));
    assertThat(fx.browser().post("/signin?user=alice").body()).startsWith("COOKIE");
    WebFixture.Reply refused = fx.browser().post("/signin?user=huge");
    assertThat(refused.status()).isEqualTo(413);
    assertThat(refused.setCookies()).isEmpty();
  }

  @Test
  void storeDump_inReferenceMode_revealsNoClaimValueNorUserName() throws Exception {
    start(b -> b);
    WebFixture.Browser br = fx.browser();
    br.post("/signin?user=multi&ref=1");
    br.post("/signin?user=huge");
    assertThat(store.written).hasSize(2);
    List<String> secrets =
        fx.users.get("multi").claims().stream().map(Claim::value).collect(Collectors.toList());
    secrets.addAll(fx.users.get("huge").claims().stream().map(Claim::value).toList());
    for (StoredSession s : store.written) {
      String dump =
          s.sessionId() + s.userKey() + new String(s.sealedToken(), StandardCharsets.ISO_8859_1);
      for (String v : secrets) {
        assertThat(dump).doesNotContain(v);
      }
      assertThat(s.userKey()).doesNotContain("mallory").doesNotContain("hugo");
    }
    // even with the farm key ring, the store entry does not open: it needs the cookie's secret
    byte[] entry = store.written.get(0).sealedToken();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> fx.ring.get().open(entry, "x".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(org.parley.core.keys.OpenFailedException.class);
  }

  @Test
  void everyIssuance_hasAFreshUniqueSessionIdOfAtLeast128Bits() throws Exception {
    start(b -> b);
    WebFixture.Browser br = fx.browser();
    for (int i = 0; i < 5; i++) {
      br.post("/signin?user=alice");
    }
    br.post("/signin?user=alice&ref=1");
    List<String> ids =
        fx.events.stream()
            .filter(e -> e.type() == SessionEvent.Type.ISSUED)
            .map(e -> e.sessionId().orElseThrow())
            .toList();
    assertThat(ids).hasSize(6).doesNotHaveDuplicates();
    for (String id : ids) {
      assertThat(java.util.Base64.getUrlDecoder().decode(id).length * 8)
          .isGreaterThanOrEqualTo(128);
    }
  }

  @Test
  void smallerSession_deletesStaleChunksOfThePreviousLargerSet() throws Exception {
    start(b -> b);
    WebFixture.Browser br = fx.browser();
    br.post("/signin?user=big");
    Set<String> before = Set.copyOf(br.cookies.keySet());
    assertThat(before).hasSizeGreaterThan(1);
    WebFixture.Reply in = br.post("/signin?user=alice");
    for (String name : before) {
      if (!name.equals("parley.s")) {
        assertThat(in.setCookies())
            .anyMatch(l -> l.startsWith(name + "=;") && l.contains("Max-Age=0"));
      }
    }
    assertThat(br.cookies.keySet()).containsExactly("parley.s");
    assertThat(br.get("/app/x").status()).isEqualTo(200);
    assertThat(fx.lastSeen.get()).isEqualTo(fx.users.get("alice"));
  }

  @Test
  void anonymous_publicPageIsServed_protectedPageRedirectsToSignIn() throws Exception {
    start(b -> b);
    WebFixture.Browser br = fx.browser();
    assertThat(br.get("/public").body()).isEqualTo("anonymous");
    WebFixture.Reply r = br.get("/app/page?x=1");
    assertThat(r.status()).isEqualTo(302);
    assertThat(r.location()).isEqualTo("/signin?returnUrl=%2Fapp%2Fpage%3Fx%3D1");
    assertThat(fx.events).isEmpty();
  }

  @Test
  void signInRedirect_postIs401_segmentBoundaryRespected_signedInPassesThrough() throws Exception {
    start(b -> b);
    WebFixture.Browser br = fx.browser();
    assertThat(br.post("/app/form").status()).isEqualTo(401);
    assertThat(br.get("/apple").status()).isEqualTo(404);
    assertThat(br.get("/app").status()).isEqualTo(302);
    br.post("/signin?user=alice");
    assertThat(br.get("/app").status()).isEqualTo(200);
  }

  @Test
  void signInChallenge_refusesAnOpenRedirectTarget() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SignInChallenge.redirectTo("//evil.example/signin"))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SignInChallenge.redirectTo("http://sts.example/signin"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
