package org.parley.sts.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.conversation.trust.EntropyMode;
import org.parley.conversation.trust.TrustVersion;
import org.parley.core.SecretBytes;
import org.parley.core.store.memory.InMemoryReplayCache;
import org.parley.core.testing.MutableClock;
import org.parley.endpoint.SoapFaultException;
import org.parley.endpoint.SoapHttpClient;
import org.parley.http.ParleyServer;
import org.parley.sts.SamlTokenIssuer;
import org.parley.sts.client.IssuedToken;
import org.parley.sts.client.StsClient;
import org.parley.sts.client.TokenRequest;
import org.parley.sts.client.TokenStatus;
import org.parley.sts.demo.DemoFederation;
import org.parley.sts.saml.SamlAssertionValidator;
import org.parley.sts.saml.SigningCredential;
import org.parley.sts.saml.VerifiedAssertion;
import org.parley.sts.testing.TestKeys;
import org.parley.sts.users.SignInThrottle;
import org.parley.sts.users.UserAuthenticator;
import org.parley.wire.soap.SoapVersion;

/**
 * The STS's WS-Trust endpoint over SOAP 1.2 / HTTP on loopback, through the Parley {@link
 * StsClient}, in WS-Trust 1.3 and Feb 2005: Issue (bearer, holder-of-key symmetric and public),
 * Validate, Renew, Cancel, and their faults.
 */
public class StsTrustEndpointTest {
  static final String ISSUER = "https://sts.example/sts";
  static final String REALM = "https://rp.example/app/";
  static final String REALM_NO_CERT = "https://plain.example/app/";
  static final SigningCredential STS = TestKeys.credential("parley trust sts");
  static final SigningCredential RP = TestKeys.credential("parley trust rp");
  static final SigningCredential CLIENT = TestKeys.credential("parley trust client");
  static final MutableClock clock = MutableClock.at(Instant.now());
  static ParleyServer server;

  @BeforeAll
  static void start() throws Exception {
    StsTrustEndpoint sts =
        StsTrustEndpoint.newBuilder(
                new SamlTokenIssuer(STS, ISSUER, clock, Duration.ofMinutes(10)),
                STS.certificate(),
                new UserAuthenticator(DemoFederation.demoUsers(), SignInThrottle.defaults(clock)))
            .relyingParty(TrustRelyingParty.of(REALM, RP.certificate()))
            .relyingParty(TrustRelyingParty.of(REALM_NO_CERT))
            .renewalWindow(Duration.ofHours(1))
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

  static StsClient client(TrustVersion version, String user, String password) {
    return StsClient.newBuilder(server.uri("/sts/trust"))
        .version(version)
        .usernameToken(user, password.toCharArray())
        .clock(clock)
        .build();
  }

  static StsClient alice(TrustVersion version) {
    return client(version, "alice", "alice-password");
  }

  /** The relying party's view: the assertion verifies under the STS key for REALM. */
  static VerifiedAssertion rpAccepts(IssuedToken token) throws Exception {
    return SamlAssertionValidator.builder()
        .trustIssuer(ISSUER, STS.certificate())
        .audience(REALM)
        .clock(clock)
        .acceptHolderOfKey()
        .replayCache(InMemoryReplayCache.builder().clock(clock).build())
        .build()
        .validate(token.assertionXml());
  }

  static List<String> codes(SoapFaultException e) {
    return Stream.of(e.faultCode(), e.specificCode())
        .filter(Objects::nonNull)
        .map(q -> q.getLocalPart())
        .toList();
  }

  // ------------------------------------------------------------------------------ Issue

  @ParameterizedTest
  @EnumSource(TrustVersion.class)
  void issue_bearer_givesSignedAssertionTheRpAccepts_wstrust13s4_feb2005s6(TrustVersion v)
      throws Exception {
    IssuedToken token = alice(v).issue(TokenRequest.bearer(REALM));
    assertThat(token.version()).isEqualTo(v);
    assertThat(token.proofKey()).isEmpty();
    assertThat(token.expires()).isPresent();
    VerifiedAssertion ok = rpAccepts(token);
    assertThat(ok.assertion().nameId()).isEqualTo("alice");
    assertThat(ok.assertion().id()).isEqualTo(token.id());
    assertThat(ok.assertion().holderOfKeyCertificate()).isEmpty();
    assertThat(ok.assertion().holderOfKeyEncryptedKey()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(EntropyMode.class)
  void issue_symmetricKey_proofKeyEncryptedForRp_equalsClientsKey_wstrust13s4_4_3(EntropyMode mode)
      throws Exception {
    for (TrustVersion v : TrustVersion.values()) {
      IssuedToken token = alice(v).issue(TokenRequest.symmetricKey(REALM, mode));
      SecretBytes clientKey = token.proofKey().orElseThrow();
      assertThat(clientKey.lengthBytes()).isEqualTo(32);
      VerifiedAssertion ok = rpAccepts(token);
      SecretBytes rpKey =
          ok.assertion()
              .holderOfKeyEncryptedKey()
              .orElseThrow()
              .unwrap(TestKeys.keyPair("parley trust rp").key(), RP.certificate());
      assertThat(rpKey.equalsConstantTime(clientKey)).as(v + " " + mode).isTrue();
    }
  }

  @Test
  void issue_symmetricKey_128bits_combined_wstrust13s4_4_4() throws Exception {
    IssuedToken token =
        alice(TrustVersion.WS_TRUST_13)
            .issue(TokenRequest.symmetricKey(REALM, EntropyMode.COMBINED).keySizeBits(128));
    SecretBytes rpKey =
        rpAccepts(token)
            .assertion()
            .holderOfKeyEncryptedKey()
            .orElseThrow()
            .unwrap(TestKeys.keyPair("parley trust rp").key(), RP.certificate());
    assertThat(rpKey.lengthBytes()).isEqualTo(16);
    assertThat(rpKey.equalsConstantTime(token.proofKey().orElseThrow())).isTrue();
  }

  @Test
  void issue_symmetricKey_proofKeyForAnotherCertificate_doesNotUnwrap() throws Exception {
    IssuedToken token =
        alice(TrustVersion.WS_TRUST_13).issue(TokenRequest.symmetricKey(REALM, EntropyMode.SERVER));
    var key = rpAccepts(token).assertion().holderOfKeyEncryptedKey().orElseThrow();
    assertThrows(
        org.parley.core.fault.ParleyFault.class,
        () -> key.unwrap(TestKeys.keyPair("parley trust client").key(), CLIENT.certificate()));
  }

  @ParameterizedTest
  @EnumSource(TrustVersion.class)
  void issue_publicKey_useKeyCertificateInSubjectConfirmation_wstrust13s9_2(TrustVersion v)
      throws Exception {
    IssuedToken token = alice(v).issue(TokenRequest.publicKey(REALM, CLIENT.certificate()));
    assertThat(token.proofKey()).isEmpty();
    X509Certificate bound = rpAccepts(token).assertion().holderOfKeyCertificate().orElseThrow();
    assertThat(bound).isEqualTo(CLIENT.certificate());
  }

  @Test
  void issue_symmetricKey_forRelyingPartyWithoutCertificate_isBadRequest() {
    SoapFaultException e =
        assertThrows(
            SoapFaultException.class,
            () ->
                alice(TrustVersion.WS_TRUST_13)
                    .issue(TokenRequest.symmetricKey(REALM_NO_CERT, EntropyMode.SERVER)));
    assertThat(codes(e)).contains("BadRequest");
  }

  @Test
  void issue_publicKey_withoutUseKeyOrSignature_isBadRequest() {
    SoapFaultException e =
        assertThrows(
            SoapFaultException.class,
            () -> alice(TrustVersion.WS_TRUST_13).issue(TokenRequest.publicKeyOfSignature(REALM)));
    assertThat(codes(e)).contains("BadRequest");
  }

  @ParameterizedTest
  @EnumSource(TrustVersion.class)
  void issue_unknownAppliesTo_isInvalidScope_wstrust13s11(TrustVersion v) {
    SoapFaultException e =
        assertThrows(
            SoapFaultException.class,
            () -> alice(v).issue(TokenRequest.bearer("https://evil.example/")));
    assertThat(codes(e)).contains("InvalidScope");
  }

  @Test
  void issue_wrongPassword_isFailedAuthentication_wstrust13s11() {
    SoapFaultException e =
        assertThrows(
            SoapFaultException.class,
            () ->
                client(TrustVersion.WS_TRUST_200502, "alice", "wrong")
                    .issue(TokenRequest.bearer(REALM)));
    assertThat(codes(e)).contains("FailedAuthentication");
  }

  @Test
  void issue_requestedLifetime_shortensTheToken_wstrust13s4_4() throws Exception {
    IssuedToken token =
        alice(TrustVersion.WS_TRUST_13)
            .issue(TokenRequest.bearer(REALM).lifetime(Duration.ofMinutes(2)));
    var a = rpAccepts(token).assertion();
    assertThat(Duration.between(a.notBefore(), a.notOnOrAfter())).isEqualTo(Duration.ofMinutes(2));
  }

  // ------------------------------------------------------------------------------ Validate

  @ParameterizedTest
  @EnumSource(TrustVersion.class)
  void validate_issuedToken_isStatusValid_wstrust13s7(TrustVersion v) throws Exception {
    StsClient alice = alice(v);
    IssuedToken token = alice.issue(TokenRequest.bearer(REALM));
    TokenStatus status = alice.validate(token);
    assertThat(status.valid()).isTrue();
  }

  @Test
  void validate_tamperedToken_isStatusInvalid_wstrust13s7() throws Exception {
    StsClient alice = alice(TrustVersion.WS_TRUST_13);
    IssuedToken token = alice.issue(TokenRequest.bearer(REALM));
    IssuedToken tampered = Tokens.replace(token, ">alice<", ">bob<");
    TokenStatus status = alice.validate(tampered);
    assertThat(status.valid()).isFalse();
    assertThat(status.reason()).contains("signature");
  }

  @Test
  void validate_expiredToken_isStatusInvalid() throws Exception {
    MutableClock own = MutableClock.at(clock.instant());
    StsClient alice = alice(TrustVersion.WS_TRUST_200502);
    IssuedToken token = alice.issue(TokenRequest.bearer(REALM).lifetime(Duration.ofMinutes(1)));
    clock.advance(Duration.ofMinutes(7)); // one minute of lifetime, five of skew, one more
    try {
      TokenStatus status = alice.validate(token);
      assertThat(status.valid()).isFalse();
      assertThat(status.reason()).contains("expired");
    } finally {
      clock.set(own.instant());
    }
  }

  // ------------------------------------------------------------------------------ Cancel

  @ParameterizedTest
  @EnumSource(TrustVersion.class)
  void cancel_byOwner_thenValidateSaysInvalid_wstrust13s6(TrustVersion v) throws Exception {
    StsClient alice = alice(v);
    IssuedToken token = alice.issue(TokenRequest.bearer(REALM));
    alice.cancel(token);
    TokenStatus status = alice.validate(token);
    assertThat(status.valid()).isFalse();
    assertThat(status.reason()).contains("cancelled");
    SoapFaultException again = assertThrows(SoapFaultException.class, () -> alice.cancel(token));
    assertThat(codes(again)).contains("InvalidRequest");
  }

  @Test
  void cancel_bySomebodyElse_isFailedAuthentication_andTokenStaysValid() throws Exception {
    IssuedToken token = alice(TrustVersion.WS_TRUST_13).issue(TokenRequest.bearer(REALM));
    StsClient bob = client(TrustVersion.WS_TRUST_13, "bob", "bob-password");
    SoapFaultException e = assertThrows(SoapFaultException.class, () -> bob.cancel(token));
    assertThat(codes(e)).contains("FailedAuthentication");
    assertThat(bob.validate(token).valid()).isTrue();
  }

  @Test
  void cancel_tamperedToken_isInvalidRequest() throws Exception {
    StsClient alice = alice(TrustVersion.WS_TRUST_13);
    IssuedToken token = alice.issue(TokenRequest.bearer(REALM));
    IssuedToken tampered = Tokens.replace(token, REALM + "<", REALM_NO_CERT + "<");
    SoapFaultException e = assertThrows(SoapFaultException.class, () -> alice.cancel(tampered));
    assertThat(codes(e)).contains("InvalidRequest");
    assertThat(alice.validate(token).valid()).isTrue();
  }

  // ------------------------------------------------------------------------------ Renew

  @ParameterizedTest
  @EnumSource(TrustVersion.class)
  void renew_renewableToken_newIdLaterExpiry_sameProofKey_wstrust13s5(TrustVersion v)
      throws Exception {
    StsClient alice = alice(v);
    IssuedToken token =
        alice.issue(TokenRequest.symmetricKey(REALM, EntropyMode.COMBINED).renewable(false));
    clock.advance(Duration.ofMinutes(1));
    IssuedToken renewed = alice.renew(token);
    assertThat(renewed.id()).isNotEqualTo(token.id());
    assertThat(renewed.expires().orElseThrow()).isAfter(token.expires().orElseThrow());
    var rp = rpAccepts(renewed).assertion();
    assertThat(rp.nameId()).isEqualTo("alice");
    SecretBytes rpKey =
        rp.holderOfKeyEncryptedKey()
            .orElseThrow()
            .unwrap(TestKeys.keyPair("parley trust rp").key(), RP.certificate());
    assertThat(rpKey.equalsConstantTime(renewed.proofKey().orElseThrow())).isTrue();
    // the renewed token replaces the old one
    assertThat(alice.validate(token).valid()).isFalse();
    assertThat(alice.validate(renewed).valid()).isTrue();
  }

  @Test
  void renew_tokenNotIssuedRenewable_isUnableToRenew_wstrust13s5() throws Exception {
    StsClient alice = alice(TrustVersion.WS_TRUST_13);
    IssuedToken token = alice.issue(TokenRequest.bearer(REALM));
    SoapFaultException e = assertThrows(SoapFaultException.class, () -> alice.renew(token));
    assertThat(codes(e)).contains("UnableToRenew");
  }

  @Test
  void renew_expired_withOkFalse_isExpiredData_withOkTrue_isRenewed_wstrust13s5() throws Exception {
    Instant start = clock.instant();
    StsClient alice = alice(TrustVersion.WS_TRUST_13);
    IssuedToken strict =
        alice.issue(TokenRequest.bearer(REALM).lifetime(Duration.ofMinutes(1)).renewable(false));
    IssuedToken lenient =
        alice.issue(TokenRequest.bearer(REALM).lifetime(Duration.ofMinutes(1)).renewable(true));
    try {
      clock.advance(Duration.ofMinutes(10));
      SoapFaultException e = assertThrows(SoapFaultException.class, () -> alice.renew(strict));
      assertThat(codes(e)).contains("ExpiredData");
      IssuedToken renewed = alice.renew(lenient);
      assertThat(rpAccepts(renewed).assertion().notOnOrAfter()).isAfter(clock.instant());
    } finally {
      clock.set(start);
    }
  }

  @Test
  void renew_expiredBeyondTheRenewalWindow_isExpiredData() throws Exception {
    Instant start = clock.instant();
    StsClient alice = alice(TrustVersion.WS_TRUST_200502);
    IssuedToken token =
        alice.issue(TokenRequest.bearer(REALM).lifetime(Duration.ofMinutes(1)).renewable(true));
    try {
      clock.advance(Duration.ofHours(2));
      SoapFaultException e = assertThrows(SoapFaultException.class, () -> alice.renew(token));
      assertThat(codes(e)).contains("ExpiredData");
    } finally {
      clock.set(start);
    }
  }

  @Test
  void renew_bySomebodyElse_isFailedAuthentication() throws Exception {
    IssuedToken token =
        alice(TrustVersion.WS_TRUST_13).issue(TokenRequest.bearer(REALM).renewable(false));
    StsClient bob = client(TrustVersion.WS_TRUST_13, "bob", "bob-password");
    SoapFaultException e = assertThrows(SoapFaultException.class, () -> bob.renew(token));
    assertThat(codes(e)).contains("FailedAuthentication");
  }

  // ------------------------------------------------------------------------------ raw wire

  @Test
  void feb2005Body_underWsTrust13Action_isInvalidRequest() throws Exception {
    String body =
        "<wst:RequestSecurityToken xmlns:wst=\"http://schemas.xmlsoap.org/ws/2005/02/trust\">"
            + "<wst:RequestType>http://schemas.xmlsoap.org/ws/2005/02/trust/Issue</wst:RequestType>"
            + "</wst:RequestSecurityToken>";
    SoapFaultException e =
        assertThrows(
            SoapFaultException.class,
            () -> Raw.post(server.uri("/sts/trust"), TrustIssueHandler.ACTION_ISSUE, body));
    assertThat(codes(e)).contains("InvalidRequest");
  }

  @Test
  void unauthenticatedIssue_isFailedAuthentication_beforeTheBodyIsRead() throws Exception {
    SoapFaultException e =
        assertThrows(
            SoapFaultException.class,
            () ->
                Raw.post(
                    server.uri("/sts/trust"),
                    TrustIssueHandler.ACTION_ISSUE,
                    "<x:Anything xmlns:x=\"urn:x\"/>",
                    false));
    assertThat(codes(e)).contains("FailedAuthentication");
  }

  @Test
  void feb2005Issue_answersBareRstrUnderRstrIssueAction_wstrust200502s6() throws Exception {
    String body =
        "<wst:RequestSecurityToken xmlns:wst=\"http://schemas.xmlsoap.org/ws/2005/02/trust\">"
            + "<wst:RequestType>http://schemas.xmlsoap.org/ws/2005/02/trust/Issue</wst:RequestType>"
            + "<wsp:AppliesTo xmlns:wsp=\"http://schemas.xmlsoap.org/ws/2004/09/policy\">"
            + "<wsa:EndpointReference xmlns:wsa=\"http://www.w3.org/2005/08/addressing\">"
            + "<wsa:Address>"
            + REALM
            + "</wsa:Address></wsa:EndpointReference></wsp:AppliesTo>"
            + "<wst:KeyType>http://schemas.xmlsoap.org/ws/2005/05/identity/NoProofKey</wst:KeyType>"
            + "</wst:RequestSecurityToken>";
    String response =
        Raw.post(
            server.uri("/sts/trust"),
            "http://schemas.xmlsoap.org/ws/2005/02/trust/RST/Issue",
            body,
            true);
    assertThat(response)
        .contains(
            "<wst:RequestSecurityTokenResponse xmlns:wst=\""
                + TrustVersion.WS_TRUST_200502.trustNamespace())
        .doesNotContain("RequestSecurityTokenResponseCollection")
        .contains("http://schemas.xmlsoap.org/ws/2005/02/trust/RSTR/Issue")
        .contains("urn:oasis:names:tc:SAML:2.0:cm:bearer");
  }

  /** Tokens edited as text, the way an attacker would. */
  static final class Tokens {
    static IssuedToken replace(IssuedToken token, String from, String to) throws Exception {
      String xml = new String(token.assertionXml(), StandardCharsets.UTF_8);
      assertThat(xml).contains(from);
      return Raw.withAssertion(token, xml.replace(from, to).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Plain SOAP posts, bypassing the client. */
  static final class Raw {
    static void post(URI uri, String action, String payload) throws Exception {
      post(uri, action, payload, true);
    }

    /** Posts {@code payload} with WS-Addressing and (when asked) alice's username token. */
    static String post(URI uri, String action, String payload, boolean alice) throws Exception {
      String security =
          alice
              ? "<wsse:Security xmlns:wsse=\""
                  + org.parley.wire.Ns.WSSE
                  + "\"><wsse:UsernameToken><wsse:Username>alice</wsse:Username>"
                  + "<wsse:Password>alice-password</wsse:Password></wsse:UsernameToken>"
                  + "</wsse:Security>"
              : "";
      String envelope =
          "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
              + " xmlns:wsa=\"http://www.w3.org/2005/08/addressing\"><s:Header>"
              + "<wsa:Action>"
              + action
              + "</wsa:Action><wsa:MessageID>urn:uuid:"
              + java.util.UUID.randomUUID()
              + "</wsa:MessageID>"
              + security
              + "</s:Header><s:Body>"
              + payload
              + "</s:Body></s:Envelope>";
      byte[] answer =
          SoapHttpClient.newBuilder()
              .build()
              .exchangeBytes(
                  uri, SoapVersion.SOAP_12, action, envelope.getBytes(StandardCharsets.UTF_8));
      return new String(answer, StandardCharsets.UTF_8);
    }

    static IssuedToken withAssertion(IssuedToken token, byte[] xml) {
      return org.parley.sts.client.IssuedTokens.withAssertion(token, xml);
    }
  }
}
