package org.parley.wire.soap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.xml.namespace.QName;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.xml.Dom;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A checked view of a parsed SOAP envelope. {@link #of(Document)} enforces the envelope's shape
 * once, so code that holds a {@code SoapEnvelope} may rely on it:
 *
 * <pre>
 * &lt;env:Envelope&gt;              root, SOAP 1.1 or 1.2 namespace, else VersionMismatch
 *   &lt;env:Header&gt;?             at most one, first; children are namespace-qualified blocks
 *   &lt;env:Body&gt;                exactly one, and nothing after it
 * &lt;/env:Envelope&gt;
 * </pre>
 *
 * The view reads the live DOM; it does not copy it. It is not thread-safe, like the DOM beneath it.
 */
public final class SoapEnvelope {
  private final SoapVersion version;
  private final Document document;
  private final Element envelope;
  private final Element header;
  private final Element body;
  private final List<Element> headerBlocks;

  private SoapEnvelope(
      SoapVersion version, Document document, Element envelope, Element header, Element body) {
    this.version = version;
    this.document = document;
    this.envelope = envelope;
    this.header = header;
    this.body = body;
    this.headerBlocks =
        header == null ? List.of() : Collections.unmodifiableList(Dom.childElements(header));
  }

  /**
   * Checks the envelope's shape and returns the view.
   *
   * @throws ParleyFault {@code VersionMismatch} when the root is not {@code Envelope} in a SOAP
   *     namespace (SOAP 1.2 part 1 section 5.4.7; SOAP 1.1 section 4.4.1), {@code Sender} when the
   *     Header/Body structure is wrong
   */
  public static SoapEnvelope of(Document document) throws ParleyFault {
    Element root = document.getDocumentElement();
    SoapVersion version = root == null ? null : SoapVersion.forNamespace(root.getNamespaceURI());
    if (version == null || !"Envelope".equals(root.getLocalName())) {
      throw new ParleyFault(
          FaultCode.SOAP_VERSION_MISMATCH,
          "root element is not a SOAP 1.1 or 1.2 Envelope (SOAP 1.2 part 1 section 5.4.7)");
    }
    String ns = version.namespace();
    Element header = null;
    Element body = null;
    for (Node c = root.getFirstChild(); c != null; c = c.getNextSibling()) {
      switch (c.getNodeType()) {
        case Node.ELEMENT_NODE -> {
          if (body != null) {
            // SOAP 1.2 part 1 section 5.1: Body is the last child. SOAP 1.1 section 4.3 allowed
            // trailing elements; WS-I Basic Profile 1.2 R1011 forbids them, and so do we.
            throw malformed("an element follows the SOAP Body (SOAP 1.2 part 1 section 5.1)");
          }
          if (Dom.is(c, ns, "Header")) {
            if (header != null) {
              throw malformed("more than one SOAP Header (SOAP 1.2 part 1 section 5.1)");
            }
            if (Dom.firstChildElement(root) != c) {
              throw malformed("SOAP Header is not the first child of Envelope (section 5.1)");
            }
            header = (Element) c;
          } else if (Dom.is(c, ns, "Body")) {
            body = (Element) c;
          } else {
            throw malformed(
                "unexpected element {"
                    + c.getNamespaceURI()
                    + "}"
                    + c.getLocalName()
                    + " in the SOAP Envelope (section 5.1 allows Header and Body only)");
          }
        }
        case Node.TEXT_NODE -> {
          if (!c.getNodeValue().isBlank()) {
            throw malformed("character data in the SOAP Envelope (SOAP 1.2 part 1 section 5.1)");
          }
        }
        default -> {
          // comments are allowed and ignored
        }
      }
    }
    if (body == null) {
      throw malformed("SOAP Envelope has no Body (SOAP 1.2 part 1 section 5.1)");
    }
    if (header != null) {
      for (Node c = header.getFirstChild(); c != null; c = c.getNextSibling()) {
        if (c.getNodeType() == Node.ELEMENT_NODE && c.getNamespaceURI() == null) {
          throw malformed(
              "SOAP header block <"
                  + c.getLocalName()
                  + "> has no namespace (SOAP 1.2 part 1 section 5.2.1)");
        }
        if (c.getNodeType() == Node.TEXT_NODE && !c.getNodeValue().isBlank()) {
          throw malformed("character data in the SOAP Header (SOAP 1.2 part 1 section 5.2)");
        }
      }
    }
    return new SoapEnvelope(version, document, root, header, body);
  }

  /** A builder for an outbound envelope of this version. */
  public static SoapEnvelopeBuilder newBuilder(SoapVersion version) {
    return new SoapEnvelopeBuilder(version, "s");
  }

  /** A builder whose envelope elements use {@code envelopePrefix} (WCF writes "s", CXF "soap"). */
  public static SoapEnvelopeBuilder newBuilder(SoapVersion version, String envelopePrefix) {
    return new SoapEnvelopeBuilder(version, envelopePrefix);
  }

  /** Wraps an envelope Parley built itself; its shape is right by construction. */
  static SoapEnvelope trusted(SoapVersion version, Document doc, Element header, Element body) {
    return new SoapEnvelope(version, doc, doc.getDocumentElement(), header, body);
  }

  private static ParleyFault malformed(String detail) {
    return new ParleyFault(FaultCode.SOAP_SENDER, detail);
  }

  public SoapVersion version() {
    return version;
  }

  public Document document() {
    return document;
  }

  public Element envelope() {
    return envelope;
  }

  /** The Header element, or null when the message has none. */
  public Element header() {
    return header;
  }

  public Element body() {
    return body;
  }

  /** The first element child of Body (the payload or a Fault), or null for an empty Body. */
  public Element bodyPayload() {
    return Dom.firstChildElement(body);
  }

  /** True when the Body carries a SOAP Fault of this envelope's version. */
  public boolean isFault() {
    return Dom.is(bodyPayload(), version.namespace(), "Fault");
  }

  /** The header blocks in document order, as they were when this view was made. */
  public List<Element> headerBlocks() {
    return headerBlocks;
  }

  /** The header blocks with this name, in document order. */
  public List<Element> headerBlocks(String namespace, String localName) {
    List<Element> out = new ArrayList<>(1);
    for (Element e : headerBlocks) {
      if (Dom.is(e, namespace, localName)) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * Whether a header block is mandatory: {@code env:mustUnderstand} is an xs:boolean in SOAP 1.2
   * (part 1 section 5.2.3) and "0" or "1" in SOAP 1.1 (section 4.2.3); Parley reads both as
   * xs:boolean, since treating "true" as mandatory is the safe reading.
   *
   * @throws ParleyFault {@code Sender} for any other value
   */
  public boolean mustUnderstand(Element block) throws ParleyFault {
    String v = Dom.attribute(block, version.namespace(), "mustUnderstand");
    if (v == null) {
      return false;
    }
    switch (v.strip()) {
      case "1", "true" -> {
        return true;
      }
      case "0", "false" -> {
        return false;
      }
      default -> throw malformed("mustUnderstand is not a boolean (SOAP 1.2 part 1 section 5.2.3)");
    }
  }

  /**
   * Whether a header block is addressed to this node acting as the ultimate receiver: no role, the
   * "next" role, or SOAP 1.2's ultimateReceiver role (SOAP 1.2 part 1 section 2.2; SOAP 1.1 section
   * 4.2.2 {@code actor}). Blocks for other roles (including SOAP 1.2's "none") are not ours to
   * process or to fault on.
   */
  public boolean targetsUltimateReceiver(Element block) {
    String role = Dom.attribute(block, version.namespace(), version.roleAttribute());
    if (role == null) {
      return true;
    }
    String r = role.strip();
    // An empty role is read as "no role": the reading that makes more blocks ours, never fewer.
    return r.isEmpty() || r.equals(version.nextRole()) || r.equals(version.ultimateReceiverRole());
  }

  /**
   * The mandatory header blocks addressed to this node that are not in {@code understood}, in
   * document order; a non-empty answer means the message must be refused with a {@code
   * MustUnderstand} fault before anything else is processed (SOAP 1.2 part 1 section 5.2.3 and 2.6;
   * SOAP 1.1 section 4.2.3).
   *
   * @throws ParleyFault {@code Sender} when a mustUnderstand attribute is not a boolean
   */
  public List<QName> notUnderstood(Set<QName> understood) throws ParleyFault {
    Objects.requireNonNull(understood, "understood");
    List<QName> out = new ArrayList<>(0);
    for (Element block : headerBlocks) {
      if (targetsUltimateReceiver(block) && mustUnderstand(block)) {
        QName name = new QName(block.getNamespaceURI(), block.getLocalName());
        if (!understood.contains(name)) {
          out.add(name);
        }
      }
    }
    return out;
  }
}
