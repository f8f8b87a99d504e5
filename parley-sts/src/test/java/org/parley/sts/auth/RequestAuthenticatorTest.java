package org.parley.sts.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.core.claims.BootstrapToken;
import org.parley.core.claims.ClaimTypes;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.core.store.memory.InMemoryReplayCache;
import org.parley.endpoint.SoapRequest;
import org.parley.security.TestKeys;
import org.parley.sts.demo.DemoFederation;
import org.parley.sts.saml.SamlAssertionValidator;
import org.parley.sts.saml.SigningCredential;
import org.parley.sts.trust.StsRequests;
import org.parley.sts.trust.TrustIssueHandler;
import org.parley.sts.users.SignInThrottle;
import org.parley.sts.users.UserAuthenticator;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.w3c.dom.Document;

/** Credentials of one request without HTTP: throttling, bootstrap tokens, certificate checks. */
class RequestAuthenticatorTest {
  static final String STS_NAME = "https://sts.example/sts";
  static final String PARTNER = "https://partner.example/sts";
  static final SigningCredential PARTNER_KEY =
      org.parley.sts.testing.TestKeys.credential("partner sts");
  static final SigningCredential ROGUE_KEY =
      org.parley.sts.testing.TestKeys.credential("rogue sts");
  static final Clock CLOCK = Clock.systemUTC();

  static final class Fixture {
    final SignInThrottle throttle =
        SignInThrottle.of(CLOCK, 5, 3, Duration.ofMinutes(15)); // 3 failures per address
    final UserAuthenticator users = new UserAuthenticator(DemoFederation.demoUsers(), throttle);
    final InMemoryReplayCache replay = InMemoryReplayCache.builder().clock(CLOCK).build();
    final RequestAuthenticator auth =
        RequestAuthenticator.builder()
            .passwords(PasswordAuthenticator.of(users))
            .issuedTokens(
                IssuedTokenAuthenticator.of(
                    SamlAssertionValidator.builder()
                        .trustIssuer(PARTNER, PARTNER_KEY.certificate())
                        .audience(STS_NAME)
                        .replayCache(replay)
                        .build()))
            .throttle(throttle)
            .build();
  }

  static SoapRequest request(byte[] wire, String address) throws Exception {
    Document doc = HardenedXml.create(XmlLimits.DEFAULT).parse(wire);
    return SoapRequest.of(SoapVersion.SOAP_12, doc, TrustIssueHandler.ACTION_ISSUE, null)
        .withClientAddress(address);
  }

  static SoapRequest password(String user, String password, String address) throws Exception {
    Document rst = StsRequests.rst("https://rp.example/");
    return request(
        StsRequests.unsigned(rst, List.of(StsRequests.usernameToken(rst, user, password))),
        address);
  }

  static SoapRequest partnerAssertion(SigningCredential key, String address) throws Exception {
    Document rst = StsRequests.rst("https://rp.example/");
    return request(
        StsRequests.unsigned(
            rst,
            List.of(StsRequests.assertionOf(rst, key, PARTNER, "pat", STS_NAME, Instant.now()))),
        address);
  }

  static void assertFailedAuthentication(ThrowingRunnable r) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(
            ParleyFault.class,
            f -> assertThat(f.code()).isEqualTo(FaultCode.TRUST_FAILED_AUTHENTICATION));
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void failuresFromOneAddress_throttleThatAddress_beforeAnyPasswordIsChecked() throws Exception {
    Fixture f = new Fixture();
    for (int i = 0; i < 3; i++) {
      SoapRequest bad = partnerAssertion(ROGUE_KEY, "127.0.0.7");
      assertFailedAuthentication(() -> f.auth.authenticate(bad));
    }
    long checks = f.users.passwordChecks();

    SoapRequest good = password("alice", "alice-password", "127.0.0.7");
    assertFailedAuthentication(() -> f.auth.authenticate(good));
    assertThat(f.users.passwordChecks()).isEqualTo(checks);

    // Another address is not affected.
    assertThat(f.auth.authenticate(password("alice", "alice-password", "127.0.0.8")).identities())
        .hasSize(1);
  }

  @Test
  void wrongPasswords_throttleTheUser_acrossAddresses() throws Exception {
    Fixture f = new Fixture();
    for (int i = 0; i < 5; i++) {
      SoapRequest bad = password("bob", "wrong", "127.0.0." + (10 + i));
      assertFailedAuthentication(() -> f.auth.authenticate(bad));
    }
    long checks = f.users.passwordChecks();

    SoapRequest good = password("bob", "bob-password", "127.0.0.20");
    assertFailedAuthentication(() -> f.auth.authenticate(good));
    assertThat(f.users.passwordChecks()).isEqualTo(checks);
  }

  @Test
  void passwordIdentity_bootstrapTokenIsTheUsernameToken_withoutItsPassword() throws Exception {
    ClaimsIdentity id =
        new Fixture()
            .auth
            .authenticate(password("alice", "alice-password", "127.0.0.1"))
            .identities()
            .get(0);

    BootstrapToken token = id.bootstrapToken().orElseThrow();
    assertThat(token.tokenType()).isEqualTo(AuthenticationMethods.TOKEN_TYPE_USERNAME);
    String xml = new String(token.serializedForm(), StandardCharsets.UTF_8);
    assertThat(xml).contains("alice").doesNotContain("alice-password").doesNotContain("Password");
    assertThat(id.authenticationType()).contains(AuthenticationMethods.PASSWORD);
    assertThat(id.isInRole("writer")).isTrue();
  }

  @Test
  void signedRequest_withoutACertificateAuthenticator_isFailedAuthentication() throws Exception {
    Document rst = StsRequests.rst("https://rp.example/");
    SoapRequest signed =
        request(
            StsRequests.signed(
                rst,
                List.of(),
                TestKeys.CLIENT.key(),
                TestKeys.CLIENT.cert(),
                TestKeys.SERVICE.cert(),
                CLOCK),
            "127.0.0.1");

    assertFailedAuthentication(() -> new Fixture().auth.authenticate(signed));
  }

  @Test
  void moreThanMaxIssuedTokens_isFailedAuthentication() throws Exception {
    Document rst = StsRequests.rst("https://rp.example/");
    List<org.w3c.dom.Element> many = new java.util.ArrayList<>();
    for (int i = 0; i <= RequestAuthenticator.MAX_ISSUED_TOKENS; i++) {
      many.add(
          StsRequests.assertionOf(rst, PARTNER_KEY, PARTNER, "p" + i, STS_NAME, Instant.now()));
    }
    SoapRequest r = request(StsRequests.unsigned(rst, many), "127.0.0.1");

    assertFailedAuthentication(() -> new Fixture().auth.authenticate(r));
  }

  // ---------------------------------------------------------------- CertificateAuthenticator

  static CertificateCredential client() {
    return new CertificateCredential(TestKeys.CLIENT.cert());
  }

  @Test
  void certificate_chainingToTheAnchor_givesCertificateClaims_andItselfAsBootstrap()
      throws Exception {
    ClaimsIdentity id =
        CertificateAuthenticator.builder()
            .trustAnchors(List.of(TestKeys.caCert()))
            .build()
            .authenticate(client(), "127.0.0.1");

    assertThat(id.name()).contains("client");
    assertThat(id.authenticationType()).contains(AuthenticationMethods.X509);
    assertThat(id.bootstrapToken().orElseThrow().serializedForm())
        .isEqualTo(TestKeys.CLIENT.cert().getEncoded());
  }

  @Test
  void certificate_mappedToAStoredUser_carriesThatUsersClaims() throws Exception {
    ClaimsIdentity id =
        CertificateAuthenticator.builder()
            .trustAnchors(List.of(TestKeys.caCert()))
            .users(DemoFederation.demoUsers(), cert -> Optional.of("alice"))
            .build()
            .authenticate(client(), "127.0.0.1");

    assertThat(id.name()).contains("alice");
    assertThat(id.findFirst(ClaimTypes.EMAIL).orElseThrow().value()).isEqualTo("alice@example.org");
  }

  @Test
  void certificate_mappedToNoStoredUser_isFailedAuthentication() {
    CertificateAuthenticator a =
        CertificateAuthenticator.builder()
            .trustAnchors(List.of(TestKeys.caCert()))
            .users(DemoFederation.demoUsers(), CertificateMapping.commonName()) // CN=client
            .build();

    assertFailedAuthentication(() -> a.authenticate(client(), "127.0.0.1"));
  }

  @Test
  void certificate_afterItsNotAfter_isFailedAuthentication_rfc5280_6_1_3() {
    Instant after = TestKeys.CLIENT.cert().getNotAfter().toInstant().plusSeconds(1);
    CertificateAuthenticator a =
        CertificateAuthenticator.builder()
            .trustAnchors(List.of(TestKeys.caCert()))
            .clock(Clock.fixed(after, ZoneOffset.UTC))
            .build();

    assertFailedAuthentication(() -> a.authenticate(client(), "127.0.0.1"));
  }

  @Test
  void certificate_ofAnotherCa_isFailedAuthentication() {
    CertificateAuthenticator a =
        CertificateAuthenticator.builder().trustAnchors(List.of(PARTNER_KEY.certificate())).build();

    assertFailedAuthentication(() -> a.authenticate(client(), "127.0.0.1"));
  }
}
