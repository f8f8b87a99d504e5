package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.parley.core.SecretBytes;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * XML Signature wrapping (McIntosh and Austel 2005, "XML signature element wrapping attacks";
 * Somorovsky et al. 2011/2012, XSW classes 1-8): each class is built from a genuinely signed
 * message and must be rejected. The defence is structural: ids are unique in the whole document,
 * signed parts are checked by element identity (the Body child of the Envelope, direct children of
 * the Header, the processed Timestamp), ds:Object is refused, and nothing unknown may sit in the
 * Security header or after the Body.
 */
class SignatureWrappingTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
  static final SecretBytes SECRET = SecretBytes.copyOf(new byte[32]);
  static final String ID = "uuid:xsw";
  static final SecurityPolicy POLICY =
      SecurityPolicy.newBuilder()
          .allowUnencryptedBody()
          .signHeader(new QName(Ns.WSA10, "To"))
          .build();

  static Document signed() throws ParleyFault {
    byte[] wire =
        OutboundProtector.newBuilder()
            .policy(POLICY)
            .clock(CLOCK)
            .build()
            .protect(
                Messages.parse(Messages.soap12(64)),
                OutboundCredentials.securityContext(ID, SECRET))
            .bytes();
    try {
      return Messages.XML.parse(wire);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static VerifiedMessage process(Document d) throws ParleyFault {
    return InboundProcessor.newBuilder()
        .policy(POLICY)
        .clock(CLOCK)
        .securityContexts(id -> ID.equals(id) ? Optional.of(SECRET) : Optional.empty())
        .build()
        .process(XmlWriter.toBytes(d));
  }

  static Element body(Document d) {
    return Dom.child(d.getDocumentElement(), Ns.SOAP12, "Body");
  }

  static Element header(Document d) {
    return Dom.child(d.getDocumentElement(), Ns.SOAP12, "Header");
  }

  static Element security(Document d) {
    return Dom.child(header(d), Ns.WSSE, "Security");
  }

  static Element evilBody(Document d) {
    Element evil = d.createElementNS(Ns.SOAP12, "soap:Body");
    Element op = d.createElementNS("http://example.org/doubleit", "ns:DoubleIt");
    op.setAttributeNS(Ns.XMLNS, "xmlns:ns", "http://example.org/doubleit");
    op.appendChild(d.createTextNode("evil"));
    evil.appendChild(op);
    return evil;
  }

  static Element wrapper(Document d) {
    Element w = d.createElementNS("urn:attacker", "a:Wrapper");
    w.setAttributeNS(Ns.XMLNS, "xmlns:a", "urn:attacker");
    // Keep moved elements well-formed: their prefixes were declared on their old ancestors.
    w.setAttributeNS(Ns.XMLNS, "xmlns:wsu", Ns.WSU);
    w.setAttributeNS(Ns.XMLNS, "xmlns:wsse", Ns.WSSE);
    w.setAttributeNS(Ns.XMLNS, "xmlns:soap", Ns.SOAP12);
    return w;
  }

  static void assertRejected(Document d, FaultCode... codes) {
    assertThatThrownBy(() -> process(d))
        .isInstanceOf(ParleyFault.class)
        .extracting(f -> ((ParleyFault) f).code())
        .isIn((Object[]) codes);
  }

  @Test
  void genuineMessage_verifies() throws Exception {
    VerifiedMessage m = process(signed());
    assertThat(m.isSigned(m.body())).isTrue();
  }

  @Test
  void xsw1_signedBodyMovedIntoHeaderWrapper_evilBodyInPlace_isRejected() throws Exception {
    Document d = signed();
    Element original = body(d);
    Element w = wrapper(d);
    d.getDocumentElement().replaceChild(evilBody(d), original);
    w.appendChild(original);
    header(d).appendChild(w);
    assertRejected(d, FaultCode.INVALID_SECURITY);
  }

  @Test
  void xsw2_signedBodyMovedIntoWrapperInsideSecurityHeader_isRejected() throws Exception {
    Document d = signed();
    Element original = body(d);
    Element w = wrapper(d);
    d.getDocumentElement().replaceChild(evilBody(d), original);
    w.appendChild(original);
    security(d).insertBefore(w, Dom.firstChildElement(security(d)));
    assertRejected(d, FaultCode.INVALID_SECURITY, FaultCode.UNSUPPORTED_SECURITY_TOKEN);
  }

  @Test
  void xsw3_duplicatedBodyWithSameId_isRejected() throws Exception {
    Document d = signed();
    Element original = body(d);
    Element evil = evilBody(d);
    evil.setAttributeNS(Ns.XMLNS, "xmlns:wsu", Ns.WSU);
    evil.setAttributeNS(Ns.WSU, "wsu:Id", original.getAttributeNS(Ns.WSU, "Id"));
    Element w = wrapper(d);
    d.getDocumentElement().replaceChild(evil, original);
    w.appendChild(original);
    header(d).appendChild(w);
    assertRejected(d, FaultCode.INVALID_SECURITY);
  }

  @Test
  void xsw4_signedBodyWrappedInDsObject_isRejected() throws Exception {
    Document d = signed();
    Element original = body(d);
    Element sig = Dom.child(security(d), Ns.DS, "Signature");
    Element object = d.createElementNS(Ns.DS, "ds:Object");
    d.getDocumentElement().replaceChild(evilBody(d), original);
    object.appendChild(original);
    sig.appendChild(object);
    assertRejected(d, FaultCode.INVALID_SECURITY);
  }

  @Test
  void xsw5_duplicateIdOnAnotherElement_isRejected() throws Exception {
    Document d = signed();
    Element copy = (Element) body(d).cloneNode(true);
    Element w = wrapper(d);
    w.appendChild(copy);
    header(d).appendChild(w);
    assertRejected(d, FaultCode.INVALID_SECURITY);
  }

  @Test
  void xsw5b_plainIdAttributeCollidingWithWsuId_isRejected() throws Exception {
    Document d = signed();
    Element w = wrapper(d);
    w.setAttributeNS(null, "Id", body(d).getAttributeNS(Ns.WSU, "Id"));
    header(d).appendChild(w);
    assertRejected(d, FaultCode.INVALID_SECURITY);
  }

  @Test
  void xsw6_signedBodyAfterTheEvilBody_isRejected() throws Exception {
    Document d = signed();
    Element original = body(d);
    d.getDocumentElement().insertBefore(evilBody(d), original);
    assertRejected(d, FaultCode.SOAP_SENDER);
  }

  @Test
  void xsw7_signedHeaderMovedIntoWrapper_forgedHeaderInPlace_isRejected() throws Exception {
    Document d = signed();
    Element to = Dom.child(header(d), Ns.WSA10, "To");
    Element forged = d.createElementNS(Ns.WSA10, "To");
    forged.setAttributeNS(Ns.XMLNS, "xmlns", Ns.WSA10);
    forged.appendChild(d.createTextNode("http://attacker.invalid/"));
    Element w = wrapper(d);
    header(d).replaceChild(forged, to);
    w.appendChild(to);
    header(d).appendChild(w);
    assertRejected(d, FaultCode.INVALID_SECURITY);
  }

  @Test
  void xsw8_signedTimestampWrapped_freshUnsignedTimestampInserted_isRejected() throws Exception {
    Document d = signed();
    Element ts = Dom.child(security(d), Ns.WSU, "Timestamp");
    Element fresh = (Element) ts.cloneNode(true);
    fresh.removeAttributeNS(Ns.WSU, "Id");
    Element w = wrapper(d);
    security(d).replaceChild(fresh, ts);
    w.appendChild(ts);
    header(d).appendChild(w);
    assertRejected(d, FaultCode.INVALID_SECURITY);
  }

  @Test
  void xsw_secondSecurityHeaderForSameReceiver_isRejected() throws Exception {
    Document d = signed();
    header(d).appendChild(security(d).cloneNode(false));
    assertRejected(d, FaultCode.INVALID_SECURITY);
  }

  @Test
  void xmlDsig_hmacOutputLengthTruncation_isRejected() throws Exception {
    Document d = signed();
    Element sm =
        Dom.child(
            Dom.child(Dom.child(security(d), Ns.DS, "Signature"), Ns.DS, "SignedInfo"),
            Ns.DS,
            "SignatureMethod");
    Element len = d.createElementNS(Ns.DS, "ds:HMACOutputLength");
    len.appendChild(d.createTextNode("8"));
    sm.appendChild(len);
    assertRejected(d, FaultCode.INVALID_SECURITY);
  }
}
