package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.core.SecretBytes;
import org.parley.web.SessionEvent.Reason;

/**
 * Two relying-party nodes sharing key ring, store, clock and user key secret: sessions move between
 * them, and "sign out everywhere" reaches cookie-mode sessions on the other node within the
 * revocation check interval, which is the documented bound.
 */
class FarmTest {
  private static final SecretBytes USER_KEY_SECRET = SecretBytes.random(32);
  private static final Duration CHECK = Duration.ofSeconds(30);

  private WebFixture a;
  private WebFixture b;

  private void start(String contextB) throws Exception {
    a = new WebFixture(x -> x.userKeySecret(USER_KEY_SECRET).revocationCheckInterval(CHECK));
    b =
        new WebFixture(
            x ->
                x.store(a.store)
                    .keyRing(a.ring::get)
                    .clock(a.clock)
                    .context(contextB)
                    .userKeySecret(USER_KEY_SECRET)
                    .revocationCheckInterval(CHECK));
    a.users.put("alice", Principals.alice());
    a.users.put("huge", Principals.large("hugo", 14));
  }

  @AfterEach
  void stop() throws Exception {
    a.close();
    b.close();
  }

  private static WebFixture.Browser on(WebFixture node, WebFixture.Browser from) {
    WebFixture.Browser br = node.browser();
    br.cookies.putAll(from.cookies);
    return br;
  }

  @Test
  void sessionsStartedOnOneNode_areAcceptedOnTheOther_inBothModes() throws Exception {
    start("default");
    WebFixture.Browser cookie = a.browser();
    cookie.post("/signin?user=alice");
    WebFixture.Browser reference = a.browser();
    reference.post("/signin?user=huge");
    assertThat(on(b, cookie).get("/app/x").status()).isEqualTo(200);
    assertThat(b.lastSeen.get()).isEqualTo(a.users.get("alice"));
    assertThat(on(b, reference).get("/app/x").status()).isEqualTo(200);
    assertThat(b.lastSeen.get()).isEqualTo(a.users.get("huge"));
  }

  @Test
  void signOutEverywhere_reachesCookieSessionsOnOtherNodes_withinTheCheckInterval()
      throws Exception {
    start("default");
    WebFixture.Browser alice = a.browser();
    alice.post("/signin?user=alice");
    // node B has looked at alice's revocation mark (none) and caches that answer
    assertThat(on(b, alice).get("/app/x").status()).isEqualTo(200);

    a.clock.advance(Duration.ofSeconds(1));
    a.manager.signOutEverywhere("alice-id");

    assertThat(on(a, alice).get("/app/x").status()).as("the node that signed out").isEqualTo(302);
    a.clock.advance(CHECK.minusSeconds(2));
    assertThat(on(b, alice).get("/app/x").status()).as("within the bound").isEqualTo(200);
    a.clock.advance(Duration.ofSeconds(2));
    b.events.clear();
    assertThat(on(b, alice).get("/app/x").status()).as("after the bound").isEqualTo(302);
    assertThat(b.events.get(0).reason()).contains(Reason.REVOKED);
  }

  @Test
  void cookieOfAnotherContext_isRefused_evenUnderTheSameKeyRing() throws Exception {
    start("other-rp");
    WebFixture.Browser alice = a.browser();
    alice.post("/signin?user=alice");
    assertThat(on(b, alice).get("/app/x").status()).isEqualTo(302);
    // the context is bound into the seal's associated data, so the seal itself fails
    assertThat(b.events.get(0).reason()).contains(Reason.TAMPERED);
  }
}
