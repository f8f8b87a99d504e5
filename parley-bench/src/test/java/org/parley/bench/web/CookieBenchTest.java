package org.parley.bench.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.claims.ClaimsPrincipal;
import org.parley.web.SessionMode;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.w3c.dom.Document;

class CookieBenchTest {
  @Test
  void benchPrincipal_threeIdentities_thirtyClaims_oneSignedSamlBootstrapToken() {
    ClaimsPrincipal p = BenchPrincipal.create("alice", Instant.now());
    assertThat(p.identities()).hasSize(3);
    assertThat(BenchPrincipal.claimCount(p)).isEqualTo(BenchPrincipal.CLAIMS);
    assertThat(p.identities().stream().filter(i -> i.bootstrapToken().isPresent())).hasSize(1);
    ClaimsIdentity first = p.identities().get(0);
    String token =
        new String(first.bootstrapToken().orElseThrow().serializedForm(), StandardCharsets.UTF_8);
    assertThat(token).contains("Assertion", "SignatureValue", "alice@corp.example.org");
  }

  @Test
  void withoutBootstrapToken_keepsEveryClaim_dropsOnlyTheToken() {
    ClaimsPrincipal p = BenchPrincipal.create("alice", Instant.now());
    ClaimsPrincipal lean = BenchPrincipal.withoutBootstrapToken(p);
    assertThat(lean.claims()).isEqualTo(p.claims());
    assertThat(lean.identities()).allMatch(i -> i.bootstrapToken().isEmpty());
  }

  @Test
  void measure_opensTheCookieOfTheIssuedSession_smallerThanTheWifStyleEncoding() {
    CookieBench.Results r = CookieBench.measure(CookieBench.Settings.SMOKE);
    assertThat(r.opens()).isPositive();
    assertThat(r.cpuMicrosPerOpen()).isPositive();
    assertThat(r.cpuMicrosPerOpenWithoutBootstrap()).isPositive();
    assertThat(r.mode()).isEqualTo(SessionMode.COOKIE);
    assertThat(r.parleyCookieHeaderBytes()).isPositive().isLessThan(r.wifCookieHeaderBytes());
    assertThat(r.wifDeflatedCookieHeaderBytes()).isLessThan(r.wifCookieHeaderBytes());
    assertThat(CookieBench.render(r)).contains(">= 100,000/s", "WIF-style XML + base64");
  }

  @Test
  void wifStyleXml_isWellFormed_withEveryClaimAndTheBootstrapToken() throws Exception {
    Instant now = Instant.now();
    ClaimsPrincipal p = BenchPrincipal.create("alice", now);
    byte[] inner =
        WifStyleSessionXml.sessionToken(p, "urn:uuid:1", new byte[32], now, now.plusSeconds(60));
    Document d = HardenedXml.create(XmlLimits.DEFAULT).parse(inner);
    assertThat(d.getDocumentElement().getLocalName()).isEqualTo("SessionToken");
    assertThat(d.getElementsByTagName("Identity").getLength()).isEqualTo(3);
    assertThat(d.getElementsByTagName("Claim").getLength()).isEqualTo(BenchPrincipal.CLAIMS);
    assertThat(d.getElementsByTagName("BootStrapToken").getLength()).isEqualTo(1);

    byte[] outer = WifStyleSessionXml.securityContextToken("urn:uuid:1", inner);
    Document o = HardenedXml.create(XmlLimits.DEFAULT).parse(outer);
    assertThat(o.getElementsByTagNameNS(WifStyleSessionXml.MS_SECURITY, "Cookie").getLength())
        .isEqualTo(1);
    // base64 of the whole XML, split in 2,000-character FedAuth cookies
    int chars = (outer.length + 2) / 3 * 4;
    assertThat(WifStyleSessionXml.chunks(outer)).isEqualTo((chars + 1999) / 2000);
    assertThat(WifStyleSessionXml.cookieHeaderBytes(outer)).isGreaterThan(chars);
  }
}
