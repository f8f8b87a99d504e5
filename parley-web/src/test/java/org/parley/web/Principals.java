package org.parley.web;

import java.nio.charset.StandardCharsets;
import org.parley.core.claims.BootstrapToken;
import org.parley.core.claims.Claim;
import org.parley.core.claims.ClaimTypes;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.claims.ClaimsPrincipal;

/** Test principals: small, several identities, large enough to chunk, too large for cookies. */
final class Principals {
  static final String SAML2 =
      "http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV2.0";

  private Principals() {}

  static ClaimsPrincipal alice() {
    return ClaimsPrincipal.of(
        ClaimsIdentity.builder()
            .authenticationType("urn:oasis:names:tc:SAML:2.0:ac:classes:Password")
            .addClaim(ClaimTypes.NAME, "alice")
            .addClaim(ClaimTypes.NAME_IDENTIFIER, "alice-id")
            .addClaim(ClaimTypes.ROLE, "reader")
            .build());
  }

  /** Three identities, 30 claims, a bootstrap token and an actor. */
  static ClaimsPrincipal multi(String user) {
    ClaimsIdentity actor =
        ClaimsIdentity.builder()
            .authenticationType("X509")
            .addClaim(ClaimTypes.NAME, "gateway")
            .build();
    ClaimsIdentity.Builder first =
        ClaimsIdentity.builder()
            .authenticationType("Password")
            .addClaim(ClaimTypes.NAME, user)
            .addClaim(ClaimTypes.NAME_IDENTIFIER, user + "-id")
            .addClaim(
                Claim.builder(ClaimTypes.EMAIL, user + "@example.org")
                    .issuer("https://sts.example.org/")
                    .originalIssuer("https://idp.example.org/")
                    .build())
            .actor(actor)
            .bootstrapToken(
                BootstrapToken.of(
                    SAML2,
                    ("<saml2:Assertion ID='_a1'>" + user + "</saml2:Assertion>")
                        .getBytes(StandardCharsets.UTF_8)));
    for (int i = 0; i < 12; i++) {
      first.addClaim(ClaimTypes.ROLE, "role-" + i);
    }
    ClaimsIdentity second =
        ClaimsIdentity.builder()
            .authenticationType("X509")
            .nameClaimType("urn:cert:subject")
            .addClaim("urn:cert:subject", "CN=" + user)
            .addClaim("urn:cert:thumbprint", "3f:2a:99:10")
            .build();
    ClaimsIdentity.Builder third = ClaimsIdentity.builder().authenticationType("Federated");
    for (int i = 0; i < 10; i++) {
      third.addClaim("urn:partner:attr-" + i, "value-" + i + "-\u00e9\u4e2d");
    }
    return ClaimsPrincipal.of(first.build(), second, third.build());
  }

  /**
   * A principal whose token, even compressed, needs about {@code kib} KiB: claim values are
   * pseudo-random text so DEFLATE cannot shrink them much.
   */
  static ClaimsPrincipal large(String user, int kib) {
    ClaimsIdentity.Builder b =
        ClaimsIdentity.builder()
            .authenticationType("Password")
            .addClaim(ClaimTypes.NAME, user)
            .addClaim(ClaimTypes.NAME_IDENTIFIER, user + "-id");
    long x = 0x9E3779B97F4A7C15L;
    int claims = kib * 1024 / 64;
    for (int i = 0; i < claims; i++) {
      StringBuilder v = new StringBuilder();
      for (int j = 0; j < 64; j++) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        v.append((char) ('!' + (int) Math.floorMod(x, 90L)));
      }
      b.addClaim("urn:large:c" + i, "secret-" + v);
    }
    return ClaimsPrincipal.of(b.build());
  }
}
