package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionTokenTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  private static SessionToken.Builder complete() {
    return SessionToken.builder()
        .sessionId(SessionToken.newSessionId())
        .context("c")
        .userKey("u")
        .principal(Principals.alice())
        .signedIn(T)
        .issued(T)
        .validFrom(T)
        .slidingExpiry(T.plusSeconds(60))
        .absoluteExpiry(T.plusSeconds(120));
  }

  @Test
  void newSessionId_is192RandomBits_andUnique() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = SessionToken.newSessionId();
      assertThat(Base64.getUrlDecoder().decode(id)).hasSize(SessionToken.SESSION_ID_BYTES);
      ids.add(id);
    }
    assertThat(ids).hasSize(10_000);
    assertThat(SessionToken.SESSION_ID_BYTES * 8).isGreaterThanOrEqualTo(128);
  }

  @Test
  void build_refusesIncompleteAndInconsistentTokens() {
    assertThat(complete().build().effectiveExpiry()).isEqualTo(T.plusSeconds(60));
    assertThatThrownBy(() -> SessionToken.builder().build()).hasMessageContaining("is not set");
    assertThatThrownBy(() -> complete().sessionId("short")).hasMessageContaining("128 bits");
    assertThatThrownBy(() -> complete().slidingExpiry(T.plusSeconds(121)).build())
        .hasMessageContaining("after absoluteExpiry");
    assertThatThrownBy(() -> complete().slidingExpiry(T).build())
        .hasMessageContaining("after validFrom");
    assertThatThrownBy(() -> complete().issued(T.minusSeconds(1)).build())
        .hasMessageContaining("before signedIn");
    assertThatThrownBy(
            () -> complete().principal(org.parley.core.claims.ClaimsPrincipal.anonymous()))
        .hasMessageContaining("at least one identity");
  }

  @Test
  void toString_showsNoClaimValueNorUserKey() {
    String s = complete().userKey("alice-secret-key").build().toString();
    assertThat(s).doesNotContain("alice").doesNotContain("reader");
  }
}
