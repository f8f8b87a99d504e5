package org.parley.sts.trust;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.xml.namespace.QName;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.SoapEndpoint;
import org.parley.endpoint.SoapHandler;
import org.parley.endpoint.SoapRequest;
import org.parley.sts.SamlTokenIssuer;
import org.parley.sts.saml.SamlAssertion;
import org.parley.sts.users.UserAuthenticator;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.HardenedXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * WS-Trust 1.3 Issue for a username and password: reads
 *
 * <pre>
 * Header: wsse:Security / wsse:UsernameToken / (wsse:Username, wsse:Password[@Type=PasswordText])
 * Body:   wst:RequestSecurityToken
 *           wst:RequestType  .../Issue                       (required)
 *           wsp:AppliesTo / wsa:EndpointReference / wsa:Address   (required, a registered realm)
 *           wst:TokenType    SAML 2.0                          (optional)
 *           wst:KeyType      .../Bearer                        (optional)
 * </pre>
 *
 * and answers a {@code wst:RequestSecurityTokenResponseCollection} with one RSTR holding a signed
 * SAML 2.0 bearer assertion for the realm. A wrong password, an unknown user and a throttled user
 * all get the same {@code wst:FailedAuthentication} fault. The password travels in clear inside the
 * message: host this endpoint on HTTPS only.
 *
 * <p>Per-address throttling needs the client address, which parley-http's {@code SoapRequest} does
 * not carry: this endpoint throttles per user name only.
 */
public final class TrustIssueHandler implements SoapHandler {
  /** WS-Trust 1.3 section 4.1: the Issue request action. */
  public static final String ACTION_ISSUE = Ns.WST13 + "/RST/Issue";

  /** WS-Trust 1.3 section 4.3: the final response action of an Issue. */
  public static final String ACTION_ISSUE_FINAL = Ns.WST13 + "/RSTRC/IssueFinal";

  /** Username Token Profile 1.1 section 3.1: the clear-text password type. */
  public static final String PASSWORD_TEXT =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";

  private static final String CLIENT_ADDRESS_UNKNOWN = "soap";

  private final SamlTokenIssuer issuer;
  private final UserAuthenticator authenticator;
  private final Set<String> realms;

  public TrustIssueHandler(
      SamlTokenIssuer issuer, UserAuthenticator authenticator, Set<String> realms) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
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
  public Document handle(SoapRequest request) throws ParleyFault {
    if (!ACTION_ISSUE.equals(request.action())) {
      throw invalid("unsupported action " + request.action() + "; expected " + ACTION_ISSUE);
    }
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

    List<Element> security = request.envelope().headerBlocks(Ns.WSSE, "Security");
    if (security.size() != 1) {
      throw failed("exactly one wsse:Security header expected");
    }
    List<Element> tokens = Dom.children(security.get(0), Ns.WSSE, "UsernameToken");
    if (tokens.size() != 1) {
      throw failed("exactly one wsse:UsernameToken expected");
    }
    Element ut = tokens.get(0);
    Element username = Dom.child(ut, Ns.WSSE, "Username");
    Element password = Dom.child(ut, Ns.WSSE, "Password");
    if (username == null || password == null) {
      throw failed("UsernameToken needs Username and Password");
    }
    String type =
        password.hasAttributeNS(null, "Type")
            ? password.getAttributeNS(null, "Type")
            : PASSWORD_TEXT;
    if (!PASSWORD_TEXT.equals(type)) {
      throw failed("only PasswordText is supported");
    }
    UserAuthenticator.Result result =
        authenticator.authenticate(
            Dom.text(username).strip(), Dom.text(password).toCharArray(), CLIENT_ADDRESS_UNKNOWN);
    if (result.outcome() != UserAuthenticator.Outcome.AUTHENTICATED) {
      throw failed("authentication " + result.outcome());
    }

    Document doc = HardenedXml.newEmptyDocument();
    Element rstrc = doc.createElementNS(Ns.WST13, "wst:RequestSecurityTokenResponseCollection");
    rstrc.setAttributeNS(Ns.XMLNS, "xmlns:wst", Ns.WST13);
    rstrc.appendChild(
        issuer.issue(
            doc,
            result.user().orElseThrow(),
            realm,
            SamlAssertion.AC_PASSWORD_PROTECTED_TRANSPORT));
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

  private static ParleyFault failed(String detail) {
    return new ParleyFault(FaultCode.TRUST_FAILED_AUTHENTICATION, detail);
  }
}
