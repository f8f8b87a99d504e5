package org.parley.web.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.core.claims.ClaimsPrincipal;
import org.parley.core.keys.KeyRing;
import org.parley.core.keys.RingKey;
import org.parley.web.SessionManager;

class FederationAuthenticationFilterTest {
  static final Clock CLOCK = Clock.systemUTC();

  static FederationAuthenticationFilter filter() {
    SessionManager sessions =
        SessionManager.builder()
            .keyRing(
                KeyRing.of(
                    CLOCK,
                    List.of(
                        RingKey.generate(
                            "k",
                            CLOCK.instant().minusSeconds(5),
                            CLOCK.instant().plus(Duration.ofDays(1))))))
            .build();
    return FederationAuthenticationFilter.builder()
        .issuer(URI.create("https://sts.example/sts/passive"))
        .realm("https://rp.example/app/")
        .sessions(sessions)
        .validator(wresult -> ClaimsPrincipal.anonymous())
        .defaultReturnPath("/app/")
        .build();
  }

  @Test
  void wctxReturnPath_isPathOnlySameOrigin_noOpenRedirect() {
    FederationAuthenticationFilter f = filter();
    assertThat(f.returnPath("ru=%2Fapp%2Fx%3Fa%3D1")).isEqualTo("/app/x?a=1");
    assertThat(f.returnPath("ru=%2F%2Fevil.example%2F")).isEqualTo("/app/");
    assertThat(f.returnPath("ru=%2F%5Cevil.example")).isEqualTo("/app/");
    assertThat(f.returnPath("ru=https%3A%2F%2Fevil.example%2F")).isEqualTo("/app/");
    assertThat(f.returnPath("ru=%2Fapp%0D%0ASet-Cookie%3Ax")).isEqualTo("/app/");
    assertThat(f.returnPath("ru=%zz")).isEqualTo("/app/");
    assertThat(f.returnPath(null)).isEqualTo("/app/");
    assertThat(f.returnPath("ru=%2F" + "a".repeat(3000))).isEqualTo("/app/");
  }

  @Test
  void replyPath_defaultsToTheRealmPath() {
    assertThat(filter().realm()).isEqualTo("https://rp.example/app/");
  }

  @Test
  void issuer_mustBeHttpsOrLoopback() {
    assertThatThrownBy(
            () ->
                FederationAuthenticationFilter.builder().issuer(URI.create("http://sts.example/")))
        .hasMessageContaining("https");
    FederationAuthenticationFilter.builder()
        .issuer(URI.create("http://127.0.0.1:8080/sts/passive"));
  }
}
