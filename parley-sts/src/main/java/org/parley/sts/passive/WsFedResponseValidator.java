package org.parley.sts.passive;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.parley.core.claims.ClaimsPrincipal;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.sts.saml.SamlAssertion;
import org.parley.sts.saml.SamlAssertionValidator;
import org.parley.sts.saml.VerifiedAssertion;
import org.parley.web.federation.SignInResponseValidator;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.parley.wire.xml.XmlRejectedException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads a WS-Federation {@code wresult} (WS-Federation 1.2 section 13.2.2) with {@link
 * HardenedXml}:
 *
 * <pre>
 * wst:RequestSecurityTokenResponseCollection?      (WS-Trust 1.3 only, 1..MAX_TOKENS RSTRs)
 *   wst:RequestSecurityTokenResponse               (WS-Trust 1.3 or Feb 2005)
 *     wst:RequestedSecurityToken
 *       saml2:Assertion                            (exactly one element)
 * </pre>
 *
 * and validates each assertion with a {@link SamlAssertionValidator}: the principal has one
 * identity per assertion, in order, each with its assertion as bootstrap token. Several assertions
 * are one principal only when they were proven together: the Parley STS answers an Issue with
 * several credentials with one assertion per identity, all from the same issuer and with the same
 * AuthnStatement {@code SessionIndex} (SAML Core 2.7.2); a collection whose assertions differ in
 * either (bearer tokens of separate sign-ins glued together) is refused.
 */
public final class WsFedResponseValidator implements SignInResponseValidator {
  /** Most RSTRs (identities) in one collection. */
  public static final int MAX_TOKENS = 8;

  private final SamlAssertionValidator assertions;
  private final HardenedXml xml;

  private WsFedResponseValidator(SamlAssertionValidator assertions, XmlLimits limits) {
    this.assertions = assertions;
    this.xml = HardenedXml.create(limits);
  }

  public static WsFedResponseValidator of(SamlAssertionValidator assertions) {
    return of(assertions, XmlLimits.DEFAULT);
  }

  public static WsFedResponseValidator of(SamlAssertionValidator assertions, XmlLimits limits) {
    return new WsFedResponseValidator(
        Objects.requireNonNull(assertions, "assertions"), Objects.requireNonNull(limits, "limits"));
  }

  @Override
  public ClaimsPrincipal validate(String wresult) throws ParleyFault {
    Document doc;
    try {
      doc = xml.parse(wresult.getBytes(StandardCharsets.UTF_8));
    } catch (XmlRejectedException e) {
      throw new ParleyFault(FaultCode.TRUST_INVALID_REQUEST, "wresult rejected: " + e.getMessage());
    }
    Element root = doc.getDocumentElement();
    List<Element> rstrs = List.of(root);
    if (Dom.is(root, Ns.WST13, "RequestSecurityTokenResponseCollection")) {
      rstrs = Dom.childElements(root);
      if (rstrs.isEmpty() || rstrs.size() > MAX_TOKENS) {
        throw invalid(
            "the RSTR collection must hold 1..MAX_TOKENS ("
                + MAX_TOKENS
                + ") RequestSecurityTokenResponses, found "
                + rstrs.size());
      }
    }
    List<Element> assertionElements = new ArrayList<>();
    for (Element rstr : rstrs) {
      assertionElements.add(assertionOf(rstr));
    }
    ClaimsPrincipal.Builder principal = ClaimsPrincipal.builder();
    VerifiedAssertion first = null;
    for (Element a : assertionElements) {
      VerifiedAssertion verified = assertions.validate(a);
      if (first == null) {
        first = verified;
      } else if (!sameSignIn(first.assertion(), verified.assertion())) {
        throw invalid(
            "the assertions of one collection must share issuer and SessionIndex (SAML Core"
                + " 2.7.2): they were not proven together");
      }
      principal.addIdentity(verified.identity());
    }
    return principal.build();
  }

  private static boolean sameSignIn(SamlAssertion a, SamlAssertion b) {
    return a.issuer().equals(b.issuer())
        && a.sessionIndex().isPresent()
        && a.sessionIndex().equals(b.sessionIndex());
  }

  private static Element assertionOf(Element rstr) throws ParleyFault {
    String ns = rstr.getNamespaceURI();
    if (!(Ns.WST13.equals(ns) || Ns.WST200502.equals(ns))
        || !"RequestSecurityTokenResponse".equals(rstr.getLocalName())) {
      throw invalid("wresult must be a wst:RequestSecurityTokenResponse");
    }
    List<Element> requested = Dom.children(rstr, ns, "RequestedSecurityToken");
    if (requested.size() != 1) {
      throw invalid("exactly one RequestedSecurityToken expected");
    }
    List<Element> tokens = Dom.childElements(requested.get(0));
    if (tokens.size() != 1 || !Dom.is(tokens.get(0), SamlAssertion.NS, "Assertion")) {
      throw invalid("RequestedSecurityToken must hold one SAML 2.0 assertion");
    }
    return tokens.get(0);
  }

  private static ParleyFault invalid(String detail) {
    return new ParleyFault(FaultCode.TRUST_INVALID_REQUEST, detail);
  }
}
