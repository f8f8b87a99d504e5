package org.parley.conversation.sct;

import java.util.Base64;
import org.parley.conversation.internal.Read;
import org.parley.conversation.trust.TrustLimits;
import org.parley.conversation.trust.TrustVersion;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads and writes {@code wsc:SecurityContextToken} (WS-SC 1.3 section 2, WS-SC Feb 2005 section 3)
 * in either namespace. A malformed token is {@link FaultCode#SC_BAD_CONTEXT_TOKEN} (WS-SC 1.3
 * section 9).
 */
public final class SctCodec {
  private SctCodec() {}

  /** True when {@code e} is a SecurityContextToken of either WS-SC version. */
  public static boolean isSct(Element e) {
    return Dom.is(e, Ns.WSC13, "SecurityContextToken")
        || Dom.is(e, Ns.WSC200502, "SecurityContextToken");
  }

  /** Parses {@code e}; children other than Identifier, Instance and the cookie are refused. */
  public static SecurityContextToken read(Element e, TrustLimits limits) throws ParleyFault {
    FaultCode bad = FaultCode.SC_BAD_CONTEXT_TOKEN;
    if (!isSct(e)) {
      throw new ParleyFault(bad, "expected wsc:SecurityContextToken, found " + Read.name(e));
    }
    TrustVersion version = TrustVersion.forScNamespace(e.getNamespaceURI()).orElseThrow();
    String ns = e.getNamespaceURI();
    Element identifier = null;
    Element instance = null;
    Element cookie = null;
    int count = 0;
    for (Element c = Dom.firstChildElement(e); c != null; c = Dom.nextSiblingElement(c)) {
      if (++count > 8) {
        throw new ParleyFault(bad, "wsc:SecurityContextToken has more than 8 child elements");
      }
      if (Dom.is(c, ns, "Identifier")) {
        identifier = once(identifier, c);
      } else if (Dom.is(c, ns, "Instance")) {
        instance = once(instance, c);
      } else if (Dom.is(
          c, SecurityContextToken.COOKIE_NAMESPACE, SecurityContextToken.COOKIE_LOCAL_NAME)) {
        cookie = once(cookie, c);
      } else {
        throw new ParleyFault(
            bad,
            "wsc:SecurityContextToken has an unexpected child "
                + Read.name(c)
                + " (WS-SC 1.3 section 2: Identifier, Instance; Parley's cookie)");
      }
    }
    if (identifier == null) {
      // WS-SC 1.3 section 2: /wsc:SecurityContextToken/wsc:Identifier is required.
      throw new ParleyFault(
          bad, "wsc:SecurityContextToken without wsc:Identifier (WS-SC 1.3 section 2)");
    }
    String id = Read.text(identifier, limits.maxUriChars(), "TrustLimits.maxUriChars", bad);
    SecurityContextToken.Builder b = SecurityContextToken.newBuilder(version, id);
    if (instance != null) {
      b.instance(Read.text(instance, limits.maxUriChars(), "TrustLimits.maxUriChars", bad));
    }
    String wsuId = Dom.attribute(e, Ns.WSU, "Id");
    if (wsuId != null) {
      if (wsuId.isBlank() || wsuId.length() > limits.maxUriChars()) {
        throw new ParleyFault(bad, "wsu:Id of the SCT is empty or longer than maxUriChars");
      }
      b.wsuId(wsuId);
    }
    if (cookie != null) {
      b.cookie(Read.base64(cookie, limits.maxCookieBytes(), "TrustLimits.maxCookieBytes", bad));
    }
    return b.build();
  }

  /** Writes {@code token} as an element of {@code doc} (not inserted). */
  public static Element write(Document doc, SecurityContextToken token) {
    String ns = token.version().scNamespace();
    Element sct = doc.createElementNS(ns, "wsc:SecurityContextToken");
    sct.setAttributeNS(Ns.XMLNS, "xmlns:wsc", ns);
    token
        .wsuId()
        .ifPresent(
            id -> {
              sct.setAttributeNS(Ns.XMLNS, "xmlns:wsu", Ns.WSU);
              sct.setAttributeNS(Ns.WSU, "wsu:Id", id);
            });
    Element ident = doc.createElementNS(ns, "wsc:Identifier");
    ident.setTextContent(token.identifier());
    sct.appendChild(ident);
    token
        .instance()
        .ifPresent(
            i -> {
              Element inst = doc.createElementNS(ns, "wsc:Instance");
              inst.setTextContent(i);
              sct.appendChild(inst);
            });
    token
        .cookie()
        .ifPresent(
            bytes -> {
              Element c =
                  doc.createElementNS(
                      SecurityContextToken.COOKIE_NAMESPACE,
                      "dnse:" + SecurityContextToken.COOKIE_LOCAL_NAME);
              c.setAttributeNS(Ns.XMLNS, "xmlns:dnse", SecurityContextToken.COOKIE_NAMESPACE);
              c.setTextContent(Base64.getEncoder().encodeToString(bytes));
              sct.appendChild(c);
            });
    return sct;
  }

  private static Element once(Element seen, Element c) throws ParleyFault {
    if (seen != null) {
      throw new ParleyFault(
          FaultCode.SC_BAD_CONTEXT_TOKEN,
          "wsc:SecurityContextToken has two "
              + c.getLocalName()
              + " elements (WS-SC 1.3 section 2)");
    }
    return c;
  }
}
