package org.parley.sts.passive;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.parley.core.claims.ClaimsPrincipal;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.sts.saml.SamlAssertion;
import org.parley.sts.saml.SamlAssertionValidator;
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
 * wst:RequestSecurityTokenResponseCollection?      (WS-Trust 1.3 only, exactly one RSTR)
 *   wst:RequestSecurityTokenResponse               (WS-Trust 1.3 or Feb 2005)
 *     wst:RequestedSecurityToken
 *       saml2:Assertion                            (exactly one element)
 * </pre>
 *
 * and validates the assertion with a {@link SamlAssertionValidator}: the principal has the one
 * identity it proves.
 */
public final class WsFedResponseValidator implements SignInResponseValidator {
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
    Element rstr = root;
    if (Dom.is(root, Ns.WST13, "RequestSecurityTokenResponseCollection")) {
      List<Element> items = Dom.childElements(root);
      if (items.size() != 1) {
        throw invalid("the RSTR collection must hold exactly one RequestSecurityTokenResponse");
      }
      rstr = items.get(0);
    }
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
    return ClaimsPrincipal.of(assertions.validate(tokens.get(0)).identity());
  }

  private static ParleyFault invalid(String detail) {
    return new ParleyFault(FaultCode.TRUST_INVALID_REQUEST, detail);
  }
}
