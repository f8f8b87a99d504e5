package org.parley.sts.trust;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.xml.namespace.QName;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.SoapEndpoint;
import org.parley.endpoint.SoapHandler;
import org.parley.endpoint.SoapRequest;
import org.parley.sts.SamlTokenIssuer;
import org.parley.sts.auth.PasswordAuthenticator;
import org.parley.sts.auth.RequestAuthenticator;
import org.parley.sts.saml.SamlAssertion;
import org.parley.sts.users.SignInThrottle;
import org.parley.sts.users.UserAuthenticator;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.HardenedXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * WS-Trust 1.3 Issue of SAML 2.0 bearer assertions for the credentials of the request:
 *
 * <pre>
 * Header: wsse:Security  with any of (see {@link RequestAuthenticator}):
 *           wsse:UsernameToken (Username, Password[@Type=PasswordText])
 *           ds:Signature over the Body by a wsse:BinarySecurityToken client certificate
 *           saml2:Assertion issued by another trusted STS
 * Body:   wst:RequestSecurityToken
 *           wst:RequestType  .../Issue                       (required)
 *           wsp:AppliesTo / wsa:EndpointReference / wsa:Address   (required, a registered realm)
 *           wst:TokenType    SAML 2.0                          (optional)
 *           wst:KeyType      .../Bearer                        (optional)
 * </pre>
 *
 * <p>Each credential gives one identity, and each identity one signed assertion: the answer is a
 * {@code wst:RequestSecurityTokenResponseCollection} (WS-Trust 1.3 section 4.3) with one RSTR per
 * identity, in credential order (password, certificate, issued tokens). Every assertion of one
 * answer carries the same fresh random {@code SessionIndex} in its AuthnStatement (SAML Core
 * 2.7.2), which is how a relying party knows they were proven together: {@link
 * org.parley.sts.passive.WsFedResponseValidator} accepts such a collection as one principal with
 * one identity per assertion, and refuses a collection whose assertions do not share issuer and
 * SessionIndex.
 *
 * <p>Any failed credential, an unknown user and a throttled user or address all get the same {@code
 * wst:FailedAuthentication} fault. A password travels in clear inside the message: host this
 * endpoint on HTTPS only.
 */
public final class TrustIssueHandler implements SoapHandler {
  /** WS-Trust 1.3 section 4.1: the Issue request action. */
  public static final String ACTION_ISSUE = Ns.WST13 + "/RST/Issue";

  /** WS-Trust 1.3 section 4.3: the final response action of an Issue. */
  public static final String ACTION_ISSUE_FINAL = Ns.WST13 + "/RSTRC/IssueFinal";

  /** Username Token Profile 1.1 section 3.1: the clear-text password type. */
  public static final String PASSWORD_TEXT =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";

  private final SamlTokenIssuer issuer;
  private final RequestAuthenticator authentication;
  private final Set<String> realms;

  /** Username and password only. */
  public TrustIssueHandler(
      SamlTokenIssuer issuer, UserAuthenticator authenticator, Set<String> realms) {
    this(
        issuer,
        RequestAuthenticator.builder()
            .passwords(PasswordAuthenticator.of(authenticator))
            .throttle(SignInThrottle.defaults(Clock.systemUTC()))
            .build(),
        realms);
  }

  /** Every credential {@code authentication} accepts. */
  public TrustIssueHandler(
      SamlTokenIssuer issuer, RequestAuthenticator authentication, Set<String> realms) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.authentication = Objects.requireNonNull(authentication, "authentication");
    this.realms = Set.copyOf(realms);
    if (this.realms.isEmpty()) {
      throw new IllegalArgumentException("at least one realm must be registered");
    }
  }

  /** The endpoint: this handler, which declares that it processes {@code wsse:Security}. */
  public SoapEndpoint endpoint() {
    return SoapEndpoint.newBuilder()
        .handler(this)
        .understands(new QName(Ns.WSSE, "Security"))
        .build();
  }

  @Override
  public Document handle(SoapRequest received) throws ParleyFault {
    if (!ACTION_ISSUE.equals(received.action())) {
      throw invalid("unsupported action " + received.action() + "; expected " + ACTION_ISSUE);
    }
    // First: a signed request may have its body encrypted, and nothing is read unauthenticated.
    RequestAuthenticator.Authenticated auth = authentication.authenticate(received);
    SoapRequest request = auth.request();
    Element rst = request.requirePayload();
    if (!Dom.is(rst, Ns.WST13, "RequestSecurityToken")) {
      throw invalid("the body must be a WS-Trust 1.3 wst:RequestSecurityToken");
    }
    String requestType = single(rst, Ns.WST13, "RequestType", true);
    if (!SamlTokenIssuer.REQUEST_TYPE_ISSUE.equals(requestType)) {
      throw invalid("RequestType must be " + SamlTokenIssuer.REQUEST_TYPE_ISSUE);
    }
    String tokenType = single(rst, Ns.WST13, "TokenType", false);
    if (tokenType != null && !SamlAssertion.TOKEN_TYPE.equals(tokenType)) {
      throw new ParleyFault(
          FaultCode.TRUST_BAD_REQUEST, "only SAML 2.0 tokens are issued, not " + tokenType);
    }
    String keyType = single(rst, Ns.WST13, "KeyType", false);
    if (keyType != null && !SamlTokenIssuer.KEY_TYPE_BEARER.equals(keyType)) {
      throw new ParleyFault(FaultCode.TRUST_BAD_REQUEST, "only bearer tokens are issued here");
    }
    String realm = appliesTo(rst);
    if (!realms.contains(realm)) {
      throw new ParleyFault(FaultCode.TRUST_INVALID_SCOPE, "AppliesTo is not a registered realm");
    }

    Document doc = HardenedXml.newEmptyDocument();
    Element rstrc = doc.createElementNS(Ns.WST13, "wst:RequestSecurityTokenResponseCollection");
    rstrc.setAttributeNS(Ns.XMLNS, "xmlns:wst", Ns.WST13);
    String sessionIndex = issuer.newSessionIndex();
    for (ClaimsIdentity identity : auth.identities()) {
      rstrc.appendChild(issuer.issue(doc, identity, realm, sessionIndex));
    }
    return request.reply(ACTION_ISSUE_FINAL, rstrc);
  }

  private static String appliesTo(Element rst) throws ParleyFault {
    Element appliesTo = Dom.child(rst, Ns.WSP12, "AppliesTo");
    if (appliesTo == null) {
      appliesTo = Dom.child(rst, Ns.WSP15, "AppliesTo");
    }
    Element epr = appliesTo == null ? null : Dom.child(appliesTo, Ns.WSA10, "EndpointReference");
    Element address = epr == null ? null : Dom.child(epr, Ns.WSA10, "Address");
    if (address == null) {
      throw invalid("wsp:AppliesTo/wsa:EndpointReference/wsa:Address is required");
    }
    return Dom.text(address).strip();
  }

  private static String single(Element parent, String ns, String name, boolean required)
      throws ParleyFault {
    List<Element> found = Dom.children(parent, ns, name);
    if (found.size() > 1 || (required && found.isEmpty())) {
      throw invalid((required ? "exactly one " : "at most one ") + name + " expected");
    }
    return found.isEmpty() ? null : Dom.text(found.get(0)).strip();
  }

  private static ParleyFault invalid(String detail) {
    return new ParleyFault(FaultCode.TRUST_INVALID_REQUEST, detail);
  }
}
