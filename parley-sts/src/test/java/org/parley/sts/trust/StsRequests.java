package org.parley.sts.trust;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.parley.core.fault.ParleyFault;
import org.parley.security.OutboundCredentials;
import org.parley.security.OutboundProtector;
import org.parley.security.SecurityPolicy;
import org.parley.sts.SamlTokenIssuer;
import org.parley.sts.saml.SamlAssertion;
import org.parley.sts.saml.SamlAssertionWriter;
import org.parley.sts.saml.SigningCredential;
import org.parley.wire.Ns;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.soap.SoapEnvelopeBuilder;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A WS-Trust 1.3 Issue client for tests, on parley-security's OutboundProtector: an RST for a realm
 * with any of a UsernameToken, an X.509 signature (asymmetric binding, the tokens as signed
 * supporting tokens) and assertions of another STS.
 */
public final class StsRequests {
  private StsRequests() {}

  /** An RST/Issue for {@code appliesTo} (SOAP 1.2, no security header yet). */
  public static Document rst(String appliesTo) {
    SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(SoapVersion.SOAP_12);
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

  /** A UsernameToken with a PasswordText password, owned by {@code doc}. */
  public static Element usernameToken(Document doc, String user, String password) {
    Element ut = doc.createElementNS(Ns.WSSE, "wsse:UsernameToken");
    ut.setAttributeNS(Ns.XMLNS, "xmlns:wsse", Ns.WSSE);
    Element u = doc.createElementNS(Ns.WSSE, "wsse:Username");
    u.setTextContent(user);
    Element p = doc.createElementNS(Ns.WSSE, "wsse:Password");
    p.setAttributeNS(null, "Type", TrustIssueHandler.PASSWORD_TEXT);
    p.setTextContent(password);
    ut.appendChild(u);
    ut.appendChild(p);
    return ut;
  }

  /** A bearer assertion of {@code issuer} (signed with {@code key}) for {@code audience}. */
  public static Element assertionOf(
      Document doc,
      SigningCredential key,
      String issuer,
      String subject,
      String audience,
      Instant now) {
    SamlAssertion a =
        SamlAssertion.builder()
            .id("_" + java.util.UUID.randomUUID().toString().replace("-", ""))
            .issueInstant(now)
            .issuer(issuer)
            .subject(subject)
            .validity(now.minusSeconds(1), now.plus(Duration.ofMinutes(5)))
            .audience(audience)
            .authentication(now, "urn:oasis:names:tc:SAML:2.0:ac:classes:Kerberos")
            .attribute("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", subject)
            .attribute("http://schemas.xmlsoap.org/claims/Group", "partners")
            .build();
    Document signed = SamlAssertionWriter.signingWith(key).write(a);
    return Dom.importSelfContained(doc, signed.getDocumentElement());
  }

  /** {@code envelope} with a plain Security header holding {@code tokens} (no signature). */
  public static byte[] unsigned(Document envelope, List<Element> tokens) {
    Element root = envelope.getDocumentElement();
    Element header = Dom.firstChildElement(root);
    if (!"Header".equals(header.getLocalName())) {
      Element h = envelope.createElementNS(root.getNamespaceURI(), root.getPrefix() + ":Header");
      root.insertBefore(h, header);
      header = h;
    }
    Element security = envelope.createElementNS(Ns.WSSE, "wsse:Security");
    security.setAttributeNS(Ns.XMLNS, "xmlns:wsse", Ns.WSSE);
    for (Element t : tokens) {
      security.appendChild(t);
    }
    header.appendChild(security);
    return XmlWriter.toBytes(envelope);
  }

  /**
   * {@code envelope} signed with {@code clientKey} (asymmetric binding, body signed and encrypted
   * for {@code stsCertificate}), {@code tokens} as signed supporting tokens.
   */
  public static byte[] signed(
      Document envelope,
      List<Element> tokens,
      PrivateKey clientKey,
      X509Certificate clientCertificate,
      X509Certificate stsCertificate,
      Clock clock)
      throws ParleyFault {
    return OutboundProtector.newBuilder()
        .policy(SecurityPolicy.newBuilder().binding(SecurityPolicy.Binding.ASYMMETRIC).build())
        .clock(clock)
        .build()
        .protect(
            envelope,
            OutboundCredentials.x509(clientKey, clientCertificate, stsCertificate)
                .withSignedSupportingTokens(tokens))
        .bytes();
  }
}
