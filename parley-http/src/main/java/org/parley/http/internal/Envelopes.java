package org.parley.http.internal;

import java.util.List;
import java.util.UUID;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.http.SoapVersion;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.HardenedXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Builds and reads SOAP envelopes and their WS-Addressing headers. Every element written here
 * carries its own {@code xmlns} declaration because {@link org.parley.wire.xml.XmlWriter} writes
 * the tree as it stands.
 */
public final class Envelopes {
  /** WS-Addressing 1.0 section 3.2: the anonymous address (reply on the HTTP response). */
  public static final String WSA10_ANONYMOUS = "http://www.w3.org/2005/08/addressing/anonymous";

  private static final String ENV_PREFIX = "soap";
  private static final String WSA_PREFIX = "wsa";

  private Envelopes() {}

  /** An empty envelope with a {@code Body}. */
  public static Document newEnvelope(SoapVersion version) {
    Document doc = HardenedXml.newEmptyDocument();
    String ns = version.envelopeNamespace();
    Element envelope = doc.createElementNS(ns, ENV_PREFIX + ":Envelope");
    envelope.setAttributeNS(Ns.XMLNS, "xmlns:" + ENV_PREFIX, ns);
    doc.appendChild(envelope);
    envelope.appendChild(doc.createElementNS(ns, ENV_PREFIX + ":Body"));
    return doc;
  }

  /** An envelope whose body holds a copy of {@code payload} (which may be null for none). */
  public static Document wrap(SoapVersion version, Element payload) {
    Document doc = newEnvelope(version);
    if (payload != null) {
      body(doc, version).appendChild(importWithNamespaces(doc, payload));
    }
    return doc;
  }

  /**
   * Copies {@code element} into {@code doc}, declaring on each copied element any namespace it uses
   * that is not declared in the copy, so the copy writes out as well-formed XML wherever it goes.
   */
  public static Element importWithNamespaces(Document doc, Element element) {
    Element copy = (Element) doc.importNode(element, true);
    declareUsedNamespaces(copy);
    return copy;
  }

  private static void declareUsedNamespaces(Element e) {
    declare(e, e.getPrefix(), e.getNamespaceURI());
    var attrs = e.getAttributes();
    for (int i = 0; i < attrs.getLength(); i++) {
      var a = attrs.item(i);
      if (a.getNamespaceURI() != null && !Ns.XMLNS.equals(a.getNamespaceURI())) {
        declare(e, a.getPrefix(), a.getNamespaceURI());
      }
    }
    for (Element c = Dom.firstChildElement(e); c != null; c = Dom.nextSiblingElement(c)) {
      declareUsedNamespaces(c);
    }
  }

  private static void declare(Element e, String prefix, String namespace) {
    if ("xml".equals(prefix)) {
      return;
    }
    boolean unprefixed = prefix == null || prefix.isEmpty();
    String uri = namespace == null ? "" : namespace;
    String inScope = e.lookupNamespaceURI(unprefixed ? null : prefix);
    if (!uri.equals(inScope == null ? "" : inScope)) {
      e.setAttributeNS(Ns.XMLNS, unprefixed ? "xmlns" : "xmlns:" + prefix, uri);
    }
  }

  /** The envelope's {@code Body}; the envelope must have been validated or built here. */
  public static Element body(Document envelope, SoapVersion version) {
    return Dom.child(envelope.getDocumentElement(), version.envelopeNamespace(), "Body");
  }

  /** The envelope's {@code Header}, created (before the body) when {@code create} is set. */
  public static Element header(Document envelope, SoapVersion version, boolean create) {
    Element root = envelope.getDocumentElement();
    Element header = Dom.child(root, version.envelopeNamespace(), "Header");
    if (header == null && create) {
      String prefix = root.getPrefix();
      header =
          envelope.createElementNS(
              version.envelopeNamespace(), prefix == null ? "Header" : prefix + ":Header");
      root.insertBefore(header, Dom.firstChildElement(root));
    }
    return header;
  }

  /**
   * Checks the envelope structure of SOAP 1.2 part 1 section 5 (SOAP 1.1 section 4): an {@code
   * Envelope} of the expected version, an optional {@code Header}, then a {@code Body}.
   */
  public static void validate(Document doc, SoapVersion version) throws ParleyFault {
    Element root = doc.getDocumentElement();
    if (!"Envelope".equals(root.getLocalName())) {
      throw new ParleyFault(FaultCode.SOAP_SENDER, "the document element is not a SOAP Envelope");
    }
    SoapVersion actual = SoapVersion.forEnvelopeNamespace(root.getNamespaceURI());
    if (actual != version) {
      // SOAP 1.2 part 1 section 5.4.7: an envelope of another version is a VersionMismatch.
      throw new ParleyFault(
          FaultCode.SOAP_VERSION_MISMATCH,
          "envelope namespace " + root.getNamespaceURI() + " does not match " + version);
    }
    String ns = version.envelopeNamespace();
    List<Element> children = Dom.childElements(root);
    int i = 0;
    if (i < children.size() && Dom.is(children.get(i), ns, "Header")) {
      i++;
    }
    if (i >= children.size() || !Dom.is(children.get(i), ns, "Body")) {
      throw new ParleyFault(FaultCode.SOAP_SENDER, "the Envelope has no Body where one must be");
    }
    // SOAP 1.2 part 1 section 5.1: nothing may follow the Body.
    if (version == SoapVersion.SOAP_12 && i + 1 != children.size()) {
      throw new ParleyFault(FaultCode.SOAP_SENDER, "elements after the SOAP 1.2 Body");
    }
  }

  /**
   * The WS-Addressing namespace of the message's addressing headers (1.0 or 2004/08), or null when
   * it carries none. A message mixing both is refused.
   */
  public static String addressingNamespace(Element header) throws ParleyFault {
    if (header == null) {
      return null;
    }
    String found = null;
    for (Element h : Dom.childElements(header)) {
      String ns = h.getNamespaceURI();
      if (Ns.WSA10.equals(ns) || Ns.WSA200408.equals(ns)) {
        if (found != null && !found.equals(ns)) {
          throw new ParleyFault(
              FaultCode.SOAP_SENDER, "message mixes WS-Addressing 1.0 and 2004/08 headers");
        }
        found = ns;
      }
    }
    return found;
  }

  /**
   * The text of the single addressing header {@code localName}, or null when absent; WS-Addressing
   * 1.0 core section 3.1 allows at most one of each.
   */
  public static String addressingHeader(Element header, String wsaNamespace, String localName)
      throws ParleyFault {
    if (header == null || wsaNamespace == null) {
      return null;
    }
    List<Element> found = Dom.children(header, wsaNamespace, localName);
    if (found.size() > 1) {
      throw new ParleyFault(
          FaultCode.SOAP_SENDER, "more than one wsa:" + localName + " header (InvalidCardinality)");
    }
    return found.isEmpty() ? null : Dom.text(found.get(0));
  }

  /** A fresh WS-Addressing message id ({@code urn:uuid:}, RFC 4122 random). */
  public static String newMessageId() {
    return "urn:uuid:" + UUID.randomUUID();
  }

  /**
   * Adds WS-Addressing headers: Action and MessageID always, To, ReplyTo (anonymous) and RelatesTo
   * when given.
   */
  public static void addAddressing(
      Document envelope,
      SoapVersion version,
      String wsaNamespace,
      String action,
      String to,
      String relatesTo,
      boolean replyToAnonymous) {
    Element header = header(envelope, version, true);
    appendText(envelope, header, wsaNamespace, "Action", action);
    appendText(envelope, header, wsaNamespace, "MessageID", newMessageId());
    if (to != null) {
      appendText(envelope, header, wsaNamespace, "To", to);
    }
    if (replyToAnonymous) {
      Element replyTo = envelope.createElementNS(wsaNamespace, WSA_PREFIX + ":ReplyTo");
      replyTo.setAttributeNS(Ns.XMLNS, "xmlns:" + WSA_PREFIX, wsaNamespace);
      String anonymous =
          Ns.WSA10.equals(wsaNamespace)
              ? WSA10_ANONYMOUS
              : "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous";
      Element address = envelope.createElementNS(wsaNamespace, WSA_PREFIX + ":Address");
      address.appendChild(envelope.createTextNode(anonymous));
      replyTo.appendChild(address);
      header.appendChild(replyTo);
    }
    if (relatesTo != null) {
      appendText(envelope, header, wsaNamespace, "RelatesTo", relatesTo);
    }
  }

  private static void appendText(
      Document doc, Element parent, String ns, String localName, String text) {
    Element e = doc.createElementNS(ns, WSA_PREFIX + ":" + localName);
    e.setAttributeNS(Ns.XMLNS, "xmlns:" + WSA_PREFIX, ns);
    e.appendChild(doc.createTextNode(text));
    parent.appendChild(e);
  }
}
