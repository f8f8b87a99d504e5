package org.parley.wire.soap;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.xml.XMLConstants;
import org.parley.wire.Ns;
import org.parley.wire.xml.HardenedXml;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Builds an outbound SOAP envelope as a DOM that {@link org.parley.wire.xml.XmlWriter} writes
 * as-is.
 *
 * <p>Namespace declarations are placed where exc-c14n and a later signature or encryption step want
 * them: the envelope prefix on {@code Envelope}; every element made by {@link #element} declares
 * its own namespace on itself, and {@link #setWsuId} declares {@code wsu} on the element that
 * carries the id. A header block or body payload is therefore self-contained: it can be signed
 * (exc-c14n, RFC 3741 section 3, renders only visibly used namespaces), encrypted and decrypted in
 * place, or moved, without depending on declarations elsewhere. {@link #build()} checks that every
 * prefix used is declared, since the writer does no namespace fix-up.
 *
 * <p>Not thread-safe; one builder per message.
 */
public final class SoapEnvelopeBuilder {
  private static final String WSU_PREFIX = "wsu";

  private final SoapVersion version;
  private final String prefix;
  private final Document doc;
  private final Element envelope;
  private final Element body;
  private Element header;
  private boolean built;

  SoapEnvelopeBuilder(SoapVersion version, String envelopePrefix) {
    this.version = Objects.requireNonNull(version, "version");
    this.prefix = requirePrefix(envelopePrefix);
    this.doc = HardenedXml.newEmptyDocument();
    this.envelope = doc.createElementNS(version.namespace(), prefix + ":Envelope");
    envelope.setAttributeNS(
        XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:" + prefix, version.namespace());
    doc.appendChild(envelope);
    this.body = doc.createElementNS(version.namespace(), prefix + ":Body");
    envelope.appendChild(body);
  }

  public SoapVersion version() {
    return version;
  }

  /** The document being built; use it (or {@link #element}) to create content. */
  public Document document() {
    return doc;
  }

  /**
   * A new element in {@code namespace} with {@code prefix} ("" for the default namespace) that
   * declares that namespace on itself.
   */
  public Element element(String namespace, String prefix, String localName) {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(localName, "localName");
    String p = prefix == null ? "" : prefix;
    Element e = doc.createElementNS(namespace, p.isEmpty() ? localName : p + ":" + localName);
    e.setAttributeNS(
        XMLConstants.XMLNS_ATTRIBUTE_NS_URI, p.isEmpty() ? "xmlns" : "xmlns:" + p, namespace);
    return e;
  }

  /** The Header element, created (before Body) on first use. */
  public Element header() {
    if (header == null) {
      header = doc.createElementNS(version.namespace(), prefix + ":Header");
      envelope.insertBefore(header, body);
    }
    return header;
  }

  public Element body() {
    return body;
  }

  /** Appends a header block; it must be namespace-qualified (SOAP 1.2 part 1 section 5.2.1). */
  public SoapEnvelopeBuilder addHeaderBlock(Element block) {
    return addHeaderBlock(block, false);
  }

  /**
   * Appends a header block, marking it {@code env:mustUnderstand} ("1" in SOAP 1.1, "true" in 1.2)
   * when {@code mustUnderstand} is set.
   */
  public SoapEnvelopeBuilder addHeaderBlock(Element block, boolean mustUnderstand) {
    checkOwned(block);
    if (block.getNamespaceURI() == null) {
      throw new IllegalArgumentException(
          "a SOAP header block must be namespace-qualified (SOAP 1.2 part 1 section 5.2.1)");
    }
    if (mustUnderstand) {
      block.setAttributeNS(
          version.namespace(), prefix + ":mustUnderstand", version.mustUnderstandTrue());
    }
    header().appendChild(block);
    return this;
  }

  /** Appends an element to the Body. */
  public SoapEnvelopeBuilder addBodyContent(Element content) {
    checkOwned(content);
    body.appendChild(content);
    return this;
  }

  /**
   * Sets {@code wsu:Id} on {@code e} (WSS 1.1 SOAP Message Security section 4, the id signatures
   * refer to) and declares the {@code wsu} namespace on {@code e} itself.
   */
  public SoapEnvelopeBuilder setWsuId(Element e, String id) {
    checkOwned(e);
    if (id == null || id.isEmpty() || !isNcName(id)) {
      throw new IllegalArgumentException("wsu:Id must be an xs:ID (an NCName)");
    }
    String existing = declaredOn(e, WSU_PREFIX);
    if (existing == null) {
      if (WSU_PREFIX.equals(e.getPrefix()) && !Ns.WSU.equals(e.getNamespaceURI())) {
        throw new IllegalArgumentException("prefix wsu is bound to another namespace on " + e);
      }
      e.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:" + WSU_PREFIX, Ns.WSU);
    } else if (!Ns.WSU.equals(existing)) {
      throw new IllegalArgumentException("prefix wsu is bound to another namespace on " + e);
    }
    e.setAttributeNS(Ns.WSU, WSU_PREFIX + ":Id", id);
    return this;
  }

  /**
   * The finished envelope. Checks that every prefix in the tree is declared in scope.
   *
   * @throws IllegalStateException when content uses a prefix that is not declared (a bug in the
   *     caller: the writer would produce XML that does not parse)
   */
  public SoapEnvelope build() {
    if (built) {
      throw new IllegalStateException("build() was already called");
    }
    Map<String, String> scope = new HashMap<>();
    scope.put("xml", XMLConstants.XML_NS_URI);
    checkDeclared(envelope, scope);
    built = true;
    return SoapEnvelope.trusted(version, doc, header, body);
  }

  private void checkOwned(Element e) {
    if (built) {
      throw new IllegalStateException("build() was already called");
    }
    if (e.getOwnerDocument() != doc) {
      throw new IllegalArgumentException("create elements with this builder's document()");
    }
  }

  private static String declaredOn(Element e, String p) {
    return e.hasAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, p)
        ? e.getAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, p)
        : null;
  }

  private static void checkDeclared(Element e, Map<String, String> parentScope) {
    Map<String, String> scope = parentScope;
    NamedNodeMap attrs = e.getAttributes();
    for (int i = 0; i < attrs.getLength(); i++) {
      Attr a = (Attr) attrs.item(i);
      if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
        if (scope == parentScope) {
          scope = new HashMap<>(parentScope);
        }
        String p = "xmlns".equals(a.getNodeName()) ? "" : a.getLocalName();
        scope.put(p, a.getValue());
      }
    }
    requireBound(e.getPrefix(), e.getNamespaceURI(), scope, e.getNodeName());
    for (int i = 0; i < attrs.getLength(); i++) {
      Attr a = (Attr) attrs.item(i);
      if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())
          && a.getNamespaceURI() != null) {
        if (a.getPrefix() == null) {
          throw new IllegalStateException("namespaced attribute " + a.getName() + " has no prefix");
        }
        requireBound(a.getPrefix(), a.getNamespaceURI(), scope, a.getNodeName());
      }
    }
    for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c.getNodeType() == Node.ELEMENT_NODE) {
        checkDeclared((Element) c, scope);
      }
    }
  }

  private static void requireBound(
      String p, String namespace, Map<String, String> scope, String name) {
    String key = p == null ? "" : p;
    String bound = scope.get(key);
    String want = namespace == null ? "" : namespace;
    if (!want.equals(bound == null ? "" : bound)) {
      throw new IllegalStateException(
          name
              + " is in namespace '"
              + want
              + "' but prefix '"
              + key
              + "' is bound to '"
              + (bound == null ? "" : bound)
              + "' here: declare it on the element");
    }
  }

  private static String requirePrefix(String p) {
    if (p == null
        || p.isEmpty()
        || !isNcName(p)
        || p.toLowerCase(java.util.Locale.ROOT).startsWith("xml")) {
      throw new IllegalArgumentException("envelope prefix must be a non-empty NCName, not xml*");
    }
    return p;
  }

  private static boolean isNcName(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean start = Character.isLetter(c) || c == '_';
      boolean ok = start || (i > 0 && (Character.isDigit(c) || c == '-' || c == '.'));
      if (!ok) {
        return false;
      }
    }
    return !s.isEmpty();
  }
}
