package org.parley.bench.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.parley.core.claims.BootstrapToken;
import org.parley.core.claims.Claim;
import org.parley.core.claims.ClaimTypes;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.claims.ClaimsPrincipal;
import org.parley.security.TestKeys;
import org.parley.sts.saml.SamlAssertion;
import org.parley.sts.saml.SamlAssertionWriter;
import org.parley.sts.saml.SamlAttribute;
import org.parley.sts.saml.SigningCredential;

/**
 * The principal of issue 4's cookie benchmark: three identities, 30 claims in total, one bootstrap
 * token. The first identity is what a relying party builds from an STS's SAML 2.0 token (18 claims
 * issued by the STS); its bootstrap token is that token itself, a real RSA-SHA256-signed assertion
 * written by parley-sts carrying the same attributes. The second is an X.509 client certificate
 * identity (6 claims), the third a partner federation's attributes (6 claims).
 */
public final class BenchPrincipal {
  /** Claims of the three identities together. */
  public static final int CLAIMS = 30;

  static final String STS = "https://sts.example.org/";
  static final String SAML2_TOKEN_TYPE =
      "http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV2.0";
  static final String GIVEN_NAME =
      "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname";
  static final String SURNAME = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname";
  static final String UPN = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn";
  static final String GROUP = "http://schemas.xmlsoap.org/claims/Group";
  static final String AUTH_INSTANT =
      "http://schemas.microsoft.com/ws/2008/06/identity/claims/authenticationinstant";
  static final String PASSWORD_PROTECTED_TRANSPORT =
      "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";

  private BenchPrincipal() {}

  /** The principal, for user {@code user}, signed in at {@code now}. */
  public static ClaimsPrincipal create(String user, Instant now) {
    List<String[]> sts = new ArrayList<>();
    sts.add(new String[] {ClaimTypes.NAME, user});
    sts.add(new String[] {ClaimTypes.NAME_IDENTIFIER, user + "@example.org"});
    sts.add(new String[] {ClaimTypes.EMAIL, user + "@example.org"});
    sts.add(new String[] {GIVEN_NAME, "Alice"});
    sts.add(new String[] {SURNAME, "Liddell"});
    sts.add(new String[] {UPN, user + "@corp.example.org"});
    sts.add(new String[] {GROUP, "Domain Users"});
    sts.add(new String[] {GROUP, "Finance"});
    for (String role :
        new String[] {
          "reader", "writer", "approver", "auditor", "invoice-admin", "payroll-viewer", "travel"
        }) {
      sts.add(new String[] {ClaimTypes.ROLE, role});
    }
    sts.add(new String[] {ClaimTypes.AUTHENTICATION_METHOD, PASSWORD_PROTECTED_TRANSPORT});
    sts.add(new String[] {AUTH_INSTANT, now.toString()});
    sts.add(new String[] {"urn:example:employee-number", "004217"});

    ClaimsIdentity.Builder federation =
        ClaimsIdentity.builder()
            .authenticationType("Federation")
            .bootstrapToken(BootstrapToken.of(SAML2_TOKEN_TYPE, assertion(user, sts, now)));
    for (String[] c : sts) {
      federation.addClaim(Claim.builder(c[0], c[1]).issuer(STS).originalIssuer(STS).build());
    }
    String subject = "CN=" + user + ", OU=Staff, O=Example Corp, C=GB";
    ClaimsIdentity x509 =
        ClaimsIdentity.builder()
            .authenticationType("X509")
            .addClaim(ClaimTypes.NAME, subject)
            .addClaim(
                "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/x500distinguishedname",
                subject)
            .addClaim(
                "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/thumbprint",
                "q0h3uT8b8Jm0xg5eXKp8vQJ0cE4=")
            .addClaim(
                "http://schemas.microsoft.com/ws/2008/06/identity/claims/serialnumber", "5f2a9c01")
            .addClaim(
                "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/dns",
                "workstation-17.corp.example.org")
            .addClaim(
                ClaimTypes.AUTHENTICATION_METHOD,
                "http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/x509")
            .build();
    ClaimsIdentity.Builder partner = ClaimsIdentity.builder().authenticationType("Partner");
    for (int i = 0; i < 6; i++) {
      partner.addClaim(
          Claim.builder("urn:partner.example.com:attr-" + i, "value-" + i + "-\u00e9\u4e2d")
              .issuer("https://idp.partner.example.com/")
              .build());
    }
    return ClaimsPrincipal.of(federation.build(), x509, partner.build());
  }

  /** A signed SAML 2.0 assertion carrying {@code claims} as attributes. */
  private static byte[] assertion(String user, List<String[]> claims, Instant now) {
    SamlAssertion.Builder a =
        SamlAssertion.builder()
            .id("_" + UUID.randomUUID())
            .issueInstant(now)
            .issuer(STS)
            .subject(user + "@example.org")
            .bearer()
            .validity(now, now.plus(Duration.ofHours(1)))
            .audience("https://rp.example.org/app/")
            .authentication(now, PASSWORD_PROTECTED_TRANSPORT);
    // One attribute per claim type, its values in claim order (how an STS writes roles).
    Map<String, List<String>> byType = new LinkedHashMap<>();
    for (String[] c : claims) {
      byType.computeIfAbsent(c[0], t -> new ArrayList<>()).add(c[1]);
    }
    byType.forEach((type, values) -> a.attribute(SamlAttribute.of(type, values)));
    return SamlAssertionWriter.signingWith(
            SigningCredential.of(TestKeys.SERVICE.key(), TestKeys.SERVICE.cert()))
        .writeBytes(a.build());
  }

  /** {@code p} with the same identities and claims but no bootstrap token. */
  public static ClaimsPrincipal withoutBootstrapToken(ClaimsPrincipal p) {
    List<ClaimsIdentity> ids = new ArrayList<>();
    for (ClaimsIdentity id : p.identities()) {
      ClaimsIdentity.Builder b =
          ClaimsIdentity.builder()
              .nameClaimType(id.nameClaimType())
              .roleClaimType(id.roleClaimType())
              .addClaims(id.claims());
      id.authenticationType().ifPresent(b::authenticationType);
      id.actor().ifPresent(b::actor);
      ids.add(b.build());
    }
    return ClaimsPrincipal.of(
        ids.get(0), ids.subList(1, ids.size()).toArray(new ClaimsIdentity[0]));
  }

  /** How many claims {@code p} holds over all its identities. */
  public static int claimCount(ClaimsPrincipal p) {
    return p.identities().stream().mapToInt(i -> i.claims().size()).sum();
  }
}
