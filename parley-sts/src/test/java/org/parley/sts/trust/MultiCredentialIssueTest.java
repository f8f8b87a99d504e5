package org.parley.sts.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.core.claims.BootstrapToken;
import org.parley.core.claims.ClaimTypes;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.claims.ClaimsPrincipal;
import org.parley.core.fault.ParleyFault;
import org.parley.core.store.memory.InMemoryReplayCache;
import org.parley.endpoint.SoapFaultException;
import org.parley.endpoint.SoapHttpClient;
import org.parley.http.ParleyServer;
import org.parley.security.TestKeys;
import org.parley.sts.SamlTokenIssuer;
import org.parley.sts.auth.AuthenticationMethods;
import org.parley.sts.auth.CertificateAuthenticator;
import org.parley.sts.auth.IssuedTokenAuthenticator;
import org.parley.sts.auth.PasswordAuthenticator;
import org.parley.sts.auth.RequestAuthenticator;
import org.parley.sts.demo.DemoFederation;
import org.parley.sts.passive.WsFedResponseValidator;
import org.parley.sts.saml.SamlAssertion;
import org.parley.sts.saml.SamlAssertionValidator;
import org.parley.sts.saml.SigningCredential;
import org.parley.sts.users.SignInThrottle;
import org.parley.sts.users.UserAuthenticator;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Issue 4 item 2 over loopback HTTP: several credentials in one WS-Trust 1.3 Issue give several
 * identities, one SAML assertion each in the RSTR collection, and the relying party builds one
 * principal with one identity per assertion. Any failed credential fails the whole request with
 * {@code wst:FailedAuthentication}.
 */
class MultiCredentialIssueTest {
  static final String ISSUER = "https://sts.example/sts";
  static final String OTHER_ISSUER = "https://partner.example/sts";
  static final String REALM = "https://rp.example/app/";
  static final SigningCredential STS =
      SigningCredential.of(TestKeys.SERVICE.key(), TestKeys.SERVICE.cert());
  static final SigningCredential OTHER_STS =
      org.parley.sts.testing.TestKeys.credential("partner sts");
  static final org.parley.sts.testing.TestKeys.KeyAndCertificate ROGUE =
      org.parley.sts.testing.TestKeys.keyPair("rogue client");
  static final Clock CLOCK = Clock.systemUTC();
  static ParleyServer server;
  static final SoapHttpClient client = SoapHttpClient.newBuilder().build();

  @BeforeAll
  static void start() throws Exception {
    SignInThrottle throttle = SignInThrottle.defaults(CLOCK);
    InMemoryReplayCache replay = InMemoryReplayCache.builder().clock(CLOCK).build();
    RequestAuthenticator auth =
        RequestAuthenticator.builder()
            .passwords(
                PasswordAuthenticator.of(
                    new UserAuthenticator(DemoFederation.demoUsers(), throttle)))
            .certificates(
                CertificateAuthenticator.builder()
                    .trustAnchors(List.of(TestKeys.caCert()))
                    .clock(CLOCK)
                    .build(),
                STS.privateKeyResolver())
            .issuedTokens(
                IssuedTokenAuthenticator.of(
                    SamlAssertionValidator.builder()
                        .trustIssuer(OTHER_ISSUER, OTHER_STS.certificate())
                        .audience(ISSUER)
                        .clock(CLOCK)
                        .replayCache(replay)
                        .build()))
            .throttle(throttle)
            .replayCache(replay)
            .clock(CLOCK)
            .build();
    TrustIssueHandler handler =
        new TrustIssueHandler(
            new SamlTokenIssuer(STS, ISSUER, CLOCK, SamlTokenIssuer.DEFAULT_TOKEN_LIFETIME),
            auth,
            Set.of(REALM));
    server =
        ParleyServer.newBuilder()
            .bindAddress("127.0.0.1")
            .port(0)
            .endpoint("/sts/trust", handler.endpoint())
            .build()
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  byte[] call(byte[] request) throws Exception {
    return client.exchangeBytes(
        server.uri("/sts/trust"), SoapVersion.SOAP_12, TrustIssueHandler.ACTION_ISSUE, request);
  }

  static byte[] clientSigned(Document rst, Element... tokens) throws ParleyFault {
    return StsRequests.signed(
        rst,
        List.of(tokens),
        TestKeys.CLIENT.key(),
        TestKeys.CLIENT.cert(),
        STS.certificate(),
        CLOCK);
  }

  /** The RP side: the RSTR collection as a wresult, validated as the demo RP does. */
  static ClaimsPrincipal atRelyingParty(byte[] response) throws Exception {
    Element rstrc =
        SoapEnvelope.of(HardenedXml.create(XmlLimits.DEFAULT).parse(response)).bodyPayload();
    SamlAssertionValidator rp =
        SamlAssertionValidator.builder()
            .trustIssuer(ISSUER, STS.certificate())
            .audience(REALM)
            .replayCache(InMemoryReplayCache.builder().clock(CLOCK).build())
            .build();
    return WsFedResponseValidator.of(rp)
        .validate(new String(XmlWriter.toBytes(rstrc), StandardCharsets.UTF_8));
  }

  static List<Element> assertions(byte[] response) throws Exception {
    Element rstrc =
        SoapEnvelope.of(HardenedXml.create(XmlLimits.DEFAULT).parse(response)).bodyPayload();
    return Dom.childElements(rstrc).stream()
        .map(
            r ->
                Dom.firstChildElement(
                    Dom.child(r, org.parley.wire.Ns.WST13, "RequestedSecurityToken")))
        .toList();
  }

  static String method(ClaimsIdentity id) {
    return id.findFirst(ClaimTypes.AUTHENTICATION_METHOD).orElseThrow().value();
  }

  @Test
  void usernameTokenPlusX509Signature_giveTwoIdentities_oneAssertionEach_wstrust13_4_3()
      throws Exception {
    Document rst = StsRequests.rst(REALM);
    byte[] response =
        call(clientSigned(rst, StsRequests.usernameToken(rst, "alice", "alice-password")));

    List<Element> issued = assertions(response);
    assertThat(issued).hasSize(2);
    ClaimsPrincipal principal = atRelyingParty(response);
    assertThat(principal.identities()).hasSize(2);
    ClaimsIdentity password = principal.identities().get(0);
    ClaimsIdentity x509 = principal.identities().get(1);
    assertThat(password.name()).contains("alice");
    assertThat(method(password)).isEqualTo(AuthenticationMethods.AC_PASSWORD_PROTECTED_TRANSPORT);
    assertThat(password.isInRole("writer")).isTrue();
    assertThat(x509.name()).contains("client");
    assertThat(method(x509)).isEqualTo(AuthenticationMethods.AC_X509);
    assertThat(
            x509.findFirst(AuthenticationMethods.CLAIM_X500_DISTINGUISHED_NAME)
                .orElseThrow()
                .value())
        .contains("CN=client");
    // At the RP each identity keeps its own assertion as bootstrap token.
    BootstrapToken b0 = password.bootstrapToken().orElseThrow();
    BootstrapToken b1 = x509.bootstrapToken().orElseThrow();
    assertThat(b0.tokenType()).isEqualTo(SamlAssertion.TOKEN_TYPE);
    assertThat(b0).isNotEqualTo(b1);
  }

  @Test
  void assertionsOfOneIssue_shareIssuerAndSessionIndex_samlCore2_7_2() throws Exception {
    Document rst = StsRequests.rst(REALM);
    List<Element> issued =
        assertions(
            call(clientSigned(rst, StsRequests.usernameToken(rst, "alice", "alice-password"))));

    List<String> indexes =
        issued.stream()
            .map(a -> Dom.child(a, SamlAssertion.NS, "AuthnStatement").getAttribute("SessionIndex"))
            .toList();
    assertThat(indexes.get(0)).isNotEmpty().isEqualTo(indexes.get(1));
  }

  @Test
  void assertionsOfTwoIssues_gluedIntoOneCollection_areRefusedByTheRp() throws Exception {
    Document rst1 = StsRequests.rst(REALM);
    byte[] first =
        call(
            StsRequests.unsigned(
                rst1, List.of(StsRequests.usernameToken(rst1, "alice", "alice-password"))));
    byte[] second = call(clientSigned(StsRequests.rst(REALM)));
    Document glued = HardenedXml.create(XmlLimits.DEFAULT).parse(first);
    Element rstrc = SoapEnvelope.of(glued).bodyPayload();
    Element other =
        SoapEnvelope.of(HardenedXml.create(XmlLimits.DEFAULT).parse(second)).bodyPayload();
    rstrc.appendChild(Dom.importSelfContained(glued, Dom.firstChildElement(other)));

    assertThrows(ParleyFault.class, () -> atRelyingParty(XmlWriter.toBytes(glued)));
  }

  @Test
  void x509SignatureAlone_givesTheCertificateIdentity_withTheCertificateAsBootstrapAtTheSts()
      throws Exception {
    ClaimsPrincipal principal = atRelyingParty(call(clientSigned(StsRequests.rst(REALM))));

    assertThat(principal.identities()).hasSize(1);
    ClaimsIdentity id = principal.identities().get(0);
    assertThat(method(id)).isEqualTo(AuthenticationMethods.AC_X509);
    assertThat(id.findFirst(AuthenticationMethods.CLAIM_THUMBPRINT)).isPresent();
  }

  @Test
  void passwordCertificateAndPartnerAssertion_giveThreeIdentities_inCredentialOrder()
      throws Exception {
    Document rst = StsRequests.rst(REALM);
    Element partner =
        StsRequests.assertionOf(
            rst, OTHER_STS, OTHER_ISSUER, "carol@partner", ISSUER, Instant.now());
    ClaimsPrincipal principal =
        atRelyingParty(
            call(
                clientSigned(
                    rst, StsRequests.usernameToken(rst, "alice", "alice-password"), partner)));

    assertThat(principal.identities()).hasSize(3);
    assertThat(principal.identities().stream().map(i -> i.name().orElseThrow()))
        .containsExactly("alice", "client", "carol@partner");
    ClaimsIdentity federated = principal.identities().get(2);
    assertThat(federated.hasClaim("http://schemas.xmlsoap.org/claims/Group", "partners")).isTrue();
    assertThat(method(federated)).isEqualTo("urn:oasis:names:tc:SAML:2.0:ac:classes:Kerberos");
  }

  @Test
  void partnerAssertionAlone_unsigned_givesItsIdentity_wssSamlTokenProfile3_3() throws Exception {
    Document rst = StsRequests.rst(REALM);
    Element partner =
        StsRequests.assertionOf(
            rst, OTHER_STS, OTHER_ISSUER, "dave@partner", ISSUER, Instant.now());

    ClaimsPrincipal principal = atRelyingParty(call(StsRequests.unsigned(rst, List.of(partner))));

    assertThat(principal.identities()).hasSize(1);
    assertThat(principal.identities().get(0).name()).contains("dave@partner");
  }

  @Test
  void partnerAssertion_presentedTwice_isRefused_samlProfiles4_1_4_5() throws Exception {
    Document rst = StsRequests.rst(REALM);
    Element partner =
        StsRequests.assertionOf(
            rst, OTHER_STS, OTHER_ISSUER, "erin@partner", ISSUER, Instant.now());
    byte[] request = StsRequests.unsigned(rst, List.of(partner));
    call(request);

    assertFailedAuthentication(() -> call(request));
  }

  @Test
  void assertionOfAnUntrustedIssuer_isFailedAuthentication() {
    Document rst = StsRequests.rst(REALM);
    Element rogue =
        StsRequests.assertionOf(
            rst, ROGUE.credential(), OTHER_ISSUER, "mallory", ISSUER, Instant.now());

    assertFailedAuthentication(() -> call(StsRequests.unsigned(rst, List.of(rogue))));
  }

  @Test
  void assertionForAnotherAudience_isFailedAuthentication_samlCore2_5_1_4() {
    Document rst = StsRequests.rst(REALM);
    Element elsewhere =
        StsRequests.assertionOf(
            rst, OTHER_STS, OTHER_ISSUER, "frank", "https://other-sts.example/", Instant.now());

    assertFailedAuthentication(() -> call(StsRequests.unsigned(rst, List.of(elsewhere))));
  }

  @Test
  void signatureByACertificateOutsideTheTrustAnchors_isFailedAuthentication_rfc5280_6() {
    Document rst = StsRequests.rst(REALM);
    assertFailedAuthentication(
        () ->
            call(
                StsRequests.signed(
                    rst, List.of(), ROGUE.key(), ROGUE.certificate(), STS.certificate(), CLOCK)));
  }

  @Test
  void goodCertificateButWrongPassword_failsTheWholeRequest() {
    Document rst = StsRequests.rst(REALM);
    assertFailedAuthentication(
        () -> call(clientSigned(rst, StsRequests.usernameToken(rst, "alice", "wrong"))));
  }

  @Test
  void signedRequestReplayed_isFailedAuthentication_wss11_13() throws Exception {
    byte[] request = clientSigned(StsRequests.rst(REALM));
    call(request);

    assertFailedAuthentication(() -> call(request));
  }

  @Test
  void signedBodyTampered_isFailedAuthentication() throws Exception {
    Document rst = StsRequests.rst(REALM);
    String wire =
        new String(
                clientSigned(rst, StsRequests.usernameToken(rst, "alice", "alice-password")),
                StandardCharsets.UTF_8)
            .replace(">alice<", ">bob<");

    assertFailedAuthentication(() -> call(wire.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void securityHeaderWithoutCredentials_isFailedAuthentication() {
    assertFailedAuthentication(() -> call(StsRequests.unsigned(StsRequests.rst(REALM), List.of())));
  }

  interface Call {
    void run() throws Exception;
  }

  static void assertFailedAuthentication(Call call) {
    SoapFaultException e = assertThrows(SoapFaultException.class, call::run);
    assertThat(TrustIssueTest.codes(e)).contains("FailedAuthentication");
  }
}
