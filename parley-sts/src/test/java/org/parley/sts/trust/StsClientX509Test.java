package org.parley.sts.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.conversation.trust.TrustVersion;
import org.parley.core.store.memory.InMemoryReplayCache;
import org.parley.endpoint.SoapFaultException;
import org.parley.http.ParleyServer;
import org.parley.security.TestKeys;
import org.parley.sts.SamlTokenIssuer;
import org.parley.sts.auth.CertificateAuthenticator;
import org.parley.sts.auth.PasswordAuthenticator;
import org.parley.sts.auth.RequestAuthenticator;
import org.parley.sts.client.IssuedToken;
import org.parley.sts.client.StsClient;
import org.parley.sts.client.TokenRequest;
import org.parley.sts.demo.DemoFederation;
import org.parley.sts.saml.SamlAssertionValidator;
import org.parley.sts.saml.SigningCredential;
import org.parley.sts.users.SignInThrottle;
import org.parley.sts.users.UserAuthenticator;

/**
 * {@link StsClient} with an X.509 signature (WS-SP 1.2 asymmetric binding, the dev CA's client
 * certificate), alone and with a username token as signed supporting token, against the WS-Trust
 * endpoint on loopback: one identity per credential, a public proof key from the signature, and
 * renew/cancel limited to the token's own subject.
 */
class StsClientX509Test {
  static final String ISSUER = "https://sts.example/sts";
  static final String REALM = "https://rp.example/app/";
  static final SigningCredential STS =
      SigningCredential.of(TestKeys.SERVICE.key(), TestKeys.SERVICE.cert());
  static final Clock clock = Clock.systemUTC();
  static ParleyServer server;

  @BeforeAll
  static void start() throws Exception {
    SignInThrottle throttle = SignInThrottle.defaults(clock);
    RequestAuthenticator auth =
        RequestAuthenticator.builder()
            .passwords(
                PasswordAuthenticator.of(
                    new UserAuthenticator(DemoFederation.demoUsers(), throttle)))
            .certificates(
                CertificateAuthenticator.builder()
                    .trustAnchors(List.of(TestKeys.caCert()))
                    .clock(clock)
                    .build(),
                STS.privateKeyResolver())
            .throttle(throttle)
            .replayCache(InMemoryReplayCache.builder().clock(clock).build())
            .clock(clock)
            .build();
    StsTrustEndpoint sts =
        StsTrustEndpoint.newBuilder(
                new SamlTokenIssuer(STS, ISSUER, clock, Duration.ofMinutes(10)),
                STS.certificate(),
                auth)
            .relyingParty(TrustRelyingParty.of(REALM))
            .build();
    server =
        ParleyServer.newBuilder()
            .bindAddress("127.0.0.1")
            .port(0)
            .endpoint("/sts/trust", sts.endpoint())
            .build()
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static StsClient.Builder client(TrustVersion v) {
    return StsClient.newBuilder(server.uri("/sts/trust"))
        .version(v)
        .x509Signature(TestKeys.CLIENT.key(), TestKeys.CLIENT.cert(), STS.certificate());
  }

  static SamlAssertionValidator rp() {
    return SamlAssertionValidator.builder()
        .trustIssuer(ISSUER, STS.certificate())
        .audience(REALM)
        .acceptHolderOfKey()
        .replayCache(InMemoryReplayCache.builder().clock(clock).build())
        .build();
  }

  @Test
  void passwordPlusSignature_givesTwoAssertions_oneSessionIndex_bothVersions() throws Exception {
    for (TrustVersion v : TrustVersion.values()) {
      StsClient sts = client(v).usernameToken("alice", "alice-password".toCharArray()).build();
      List<IssuedToken> tokens = sts.issueAll(TokenRequest.bearer(REALM));
      assertThat(tokens).hasSize(2);
      var first = rp().validate(tokens.get(0).assertionXml()).assertion();
      var second = rp().validate(tokens.get(1).assertionXml()).assertion();
      assertThat(first.nameId()).as(v.toString()).isEqualTo("alice");
      assertThat(second.nameId()).as(v.toString()).isEqualTo("client");
      assertThat(first.sessionIndex()).isPresent().isEqualTo(second.sessionIndex());
    }
  }

  @Test
  void publicKeyOfTheSignature_isBoundIntoTheAssertion_wstrust13s9_2() throws Exception {
    IssuedToken token =
        client(TrustVersion.WS_TRUST_13).build().issue(TokenRequest.publicKeyOfSignature(REALM));
    var a = rp().validate(token.assertionXml()).assertion();
    assertThat(a.nameId()).isEqualTo("client");
    assertThat(a.holderOfKeyCertificate()).contains(TestKeys.CLIENT.cert());
  }

  @Test
  void signatureOnly_cancelsOwnToken_butNotAlicesToken_wstrust13s6() throws Exception {
    StsClient x509 = client(TrustVersion.WS_TRUST_200502).build();
    StsClient alice =
        StsClient.newBuilder(server.uri("/sts/trust"))
            .version(TrustVersion.WS_TRUST_200502)
            .usernameToken("alice", "alice-password".toCharArray())
            .build();
    IssuedToken alices = alice.issue(TokenRequest.bearer(REALM));
    SoapFaultException e = assertThrows(SoapFaultException.class, () -> x509.cancel(alices));
    assertThat(
            e.specificCode() != null
                ? e.specificCode().getLocalPart()
                : e.faultCode().getLocalPart())
        .isEqualTo("FailedAuthentication");
    IssuedToken own = x509.issue(TokenRequest.bearer(REALM));
    x509.cancel(own);
    assertThat(x509.validate(own).valid()).isFalse();
    assertThat(alice.validate(alices).valid()).isTrue();
  }
}
