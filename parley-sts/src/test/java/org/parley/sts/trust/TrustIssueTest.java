package org.parley.sts.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.core.claims.ClaimTypes;
import org.parley.core.claims.ClaimsPrincipal;
import org.parley.core.store.memory.InMemoryReplayCache;
import org.parley.endpoint.SoapFaultException;
import org.parley.endpoint.SoapHttpClient;
import org.parley.http.ParleyServer;
import org.parley.sts.SamlTokenIssuer;
import org.parley.sts.demo.DemoFederation;
import org.parley.sts.passive.WsFedResponseValidator;
import org.parley.sts.saml.SamlAssertion;
import org.parley.sts.saml.SamlAssertionValidator;
import org.parley.sts.saml.SigningCredential;
import org.parley.sts.testing.TestKeys;
import org.parley.sts.users.SignInThrottle;
import org.parley.sts.users.UserAuthenticator;
import org.parley.wire.Ns;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.soap.SoapEnvelopeBuilder;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** WS-Trust 1.3 Issue over SOAP 1.2 / HTTP on loopback, and the RP accepting the result. */
public class TrustIssueTest {
  static final String ISSUER = "https://sts.example/sts";
  static final String REALM = "https://rp.example/app/";
  static final SigningCredential STS = TestKeys.credential("parley trust sts");
  static ParleyServer server;
  static final SoapHttpClient client = SoapHttpClient.newBuilder().build();

  @BeforeAll
  static void start() throws Exception {
    TrustIssueHandler handler =
        new TrustIssueHandler(
            new SamlTokenIssuer(
                STS, ISSUER, Clock.systemUTC(), SamlTokenIssuer.DEFAULT_TOKEN_LIFETIME),
            new UserAuthenticator(
                DemoFederation.demoUsers(), SignInThrottle.defaults(Clock.systemUTC())),
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

  public static Document rst(String user, String password, String appliesTo) {
    SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(SoapVersion.SOAP_12);
    Element security = b.element(Ns.WSSE, "wsse", "Security");
    Element ut = b.element(Ns.WSSE, "wsse", "UsernameToken");
    Element u = b.element(Ns.WSSE, "wsse", "Username");
    u.setTextContent(user);
    Element p = b.element(Ns.WSSE, "wsse", "Password");
    p.setAttributeNS(null, "Type", TrustIssueHandler.PASSWORD_TEXT);
    p.setTextContent(password);
    ut.appendChild(u);
    ut.appendChild(p);
    security.appendChild(ut);
    b.addHeaderBlock(security, true);
    Element rst = b.element(Ns.WST13, "wst", "RequestSecurityToken");
    Element rt = b.element(Ns.WST13, "wst", "RequestType");
    rt.setTextContent(SamlTokenIssuer.REQUEST_TYPE_ISSUE);
    Element tt = b.element(Ns.WST13, "wst", "TokenType");
    tt.setTextContent(SamlAssertion.TOKEN_TYPE);
    Element at = b.element(Ns.WSP12, "wsp", "AppliesTo");
    Element epr = b.element(Ns.WSA10, "wsa", "EndpointReference");
    Element addr = b.element(Ns.WSA10, "wsa", "Address");
    addr.setTextContent(appliesTo);
    epr.appendChild(addr);
    at.appendChild(epr);
    rst.appendChild(rt);
    rst.appendChild(tt);
    rst.appendChild(at);
    b.addBodyContent(rst);
    return b.build().document();
  }

  Document call(Document request) throws Exception {
    return client.exchange(
        server.uri("/sts/trust"), SoapVersion.SOAP_12, TrustIssueHandler.ACTION_ISSUE, request);
  }

  @Test
  void issue_usernameToken_givesSaml2BearerAssertion_thatTheRpAccepts_wstrust4_1()
      throws Exception {
    Document response = call(rst("alice", "alice-password", REALM));
    Element body = SoapEnvelope.of(response).bodyPayload();
    assertThat(body.getLocalName()).isEqualTo("RequestSecurityTokenResponseCollection");
    SamlAssertionValidator assertions =
        SamlAssertionValidator.builder()
            .trustIssuer(ISSUER, STS.certificate())
            .audience(REALM)
            .replayCache(InMemoryReplayCache.builder().clock(Clock.systemUTC()).build())
            .build();
    String wresult = new String(XmlWriter.toBytes(body), java.nio.charset.StandardCharsets.UTF_8);
    ClaimsPrincipal principal = WsFedResponseValidator.of(assertions).validate(wresult);
    assertThat(principal.primaryIdentity().orElseThrow().name()).contains("alice");
    assertThat(principal.findAll(ClaimTypes.ROLE)).extracting(c -> c.value()).contains("writer");
  }

  @Test
  void wrongPassword_isFailedAuthenticationFault_wstrust11() {
    SoapFaultException e =
        assertThrows(SoapFaultException.class, () -> call(rst("alice", "nope", REALM)));
    assertThat(codes(e)).contains("FailedAuthentication");
  }

  @Test
  void unregisteredAppliesTo_isInvalidScopeFault() {
    SoapFaultException e =
        assertThrows(
            SoapFaultException.class,
            () -> call(rst("alice", "alice-password", "https://evil.example/")));
    assertThat(codes(e)).contains("InvalidScope");
  }

  static java.util.List<String> codes(SoapFaultException e) {
    return Stream.of(e.faultCode(), e.specificCode())
        .filter(java.util.Objects::nonNull)
        .map(q -> q.getLocalPart())
        .toList();
  }
}
