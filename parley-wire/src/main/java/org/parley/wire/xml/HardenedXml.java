package org.parley.wire.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.parley.core.SuppressForbidden;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The one way Parley parses untrusted XML. DTDs are refused outright (so no entity expansion, no
 * external entity, no external schema), processing instructions are refused (SOAP 1.2 part 1
 * section 5 forbids them), and every input is bounded by {@link XmlLimits}. The result is a
 * namespace-aware DOM whose text is exactly what was sent, so signatures over it verify.
 *
 * <p>Instances are immutable and thread-safe; build one per limit set and share it.
 */
public final class HardenedXml {
  private static final XMLInputFactory INPUT_FACTORY = newInputFactory();
  private static final DocumentBuilderFactory DOM_FACTORY = newDomFactory();

  private final XmlLimits limits;

  private HardenedXml(XmlLimits limits) {
    this.limits = limits;
  }

  public static HardenedXml create(XmlLimits limits) {
    return new HardenedXml(Objects.requireNonNull(limits, "limits"));
  }

  public XmlLimits limits() {
    return limits;
  }

  /** Parses a whole document held in memory. */
  public Document parse(byte[] xml) throws XmlRejectedException {
    if (xml.length > limits.maxBytes()) {
      throw new XmlRejectedException(
          "maxBytes", "XML of " + xml.length + " bytes exceeds maxBytes=" + limits.maxBytes());
    }
    return parse(new ByteArrayInputStream(xml));
  }

  /** Parses from a stream, reading no more than {@code maxBytes} (plus one buffer) from it. */
  public Document parse(InputStream in) throws XmlRejectedException {
    BoundedInputStream bounded = new BoundedInputStream(in, limits.maxBytes());
    XMLStreamReader reader;
    try {
      reader = INPUT_FACTORY.createXMLStreamReader(bounded);
    } catch (XMLStreamException e) {
      throw rejected(bounded, e);
    }
    try {
      return build(reader, newDocument());
    } catch (XMLStreamException e) {
      throw rejected(bounded, e);
    } finally {
      try {
        reader.close();
      } catch (XMLStreamException ignored) {
        // nothing left to release
      }
    }
  }

  /**
   * Parses a fragment (decrypted content, for example) into {@code owner} and returns its nodes as
   * a document fragment. The fragment is wrapped in a dummy root carrying {@code namespaceContext}
   * declarations so prefixes in scope at the insertion point resolve.
   */
  public org.w3c.dom.DocumentFragment parseFragment(
      byte[] fragment, Document owner, java.util.Map<String, String> namespaceContext)
      throws XmlRejectedException {
    StringBuilder open = new StringBuilder("<parley-fragment");
    for (java.util.Map.Entry<String, String> e : namespaceContext.entrySet()) {
      open.append(' ')
          .append(e.getKey().isEmpty() ? "xmlns" : "xmlns:" + e.getKey())
          .append("=\"")
          .append(escapeAttribute(e.getValue()))
          .append('"');
    }
    open.append('>');
    byte[] head = open.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] tail = "</parley-fragment>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + fragment.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(fragment, 0, all, head.length, fragment.length);
    System.arraycopy(tail, 0, all, head.length + fragment.length, tail.length);
    Document parsed = parse(all);
    org.w3c.dom.DocumentFragment result = owner.createDocumentFragment();
    Node child = parsed.getDocumentElement().getFirstChild();
    while (child != null) {
      Node next = child.getNextSibling();
      result.appendChild(owner.importNode(child, true));
      child = next;
    }
    return result;
  }

  private Document build(XMLStreamReader r, Document doc)
      throws XMLStreamException, XmlRejectedException {
    Node current = doc;
    int depth = 0;
    int elements = 0;
    StringBuilder text = new StringBuilder();
    while (r.hasNext()) {
      int event = r.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> {
          flushText(doc, current, text);
          depth++;
          if (depth > limits.maxDepth()) {
            throw new XmlRejectedException(
                "maxDepth", "XML nesting deeper than maxDepth=" + limits.maxDepth());
          }
          if (++elements > limits.maxElements()) {
            throw new XmlRejectedException(
                "maxElements", "XML has more elements than maxElements=" + limits.maxElements());
          }
          int nsCount = r.getNamespaceCount();
          int attrCount = r.getAttributeCount();
          if (nsCount + attrCount > limits.maxAttributesPerElement()) {
            throw new XmlRejectedException(
                "maxAttributesPerElement",
                "element <"
                    + r.getLocalName()
                    + "> has "
                    + (nsCount + attrCount)
                    + " attributes and namespace declarations, over maxAttributesPerElement="
                    + limits.maxAttributesPerElement());
          }
          String prefix = r.getPrefix();
          String ns = r.getNamespaceURI();
          String local = r.getLocalName();
          Element e =
              doc.createElementNS(
                  ns == null || ns.isEmpty() ? null : ns,
                  prefix == null || prefix.isEmpty() ? local : prefix + ":" + local);
          for (int i = 0; i < nsCount; i++) {
            String p = r.getNamespacePrefix(i);
            String uri = r.getNamespaceURI(i);
            e.setAttributeNS(
                XMLConstants.XMLNS_ATTRIBUTE_NS_URI,
                p == null || p.isEmpty() ? "xmlns" : "xmlns:" + p,
                uri == null ? "" : uri);
          }
          for (int i = 0; i < attrCount; i++) {
            String ap = r.getAttributePrefix(i);
            String ans = r.getAttributeNamespace(i);
            String al = r.getAttributeLocalName(i);
            String value = r.getAttributeValue(i);
            if (value.length() > limits.maxTextLength()) {
              throw new XmlRejectedException(
                  "maxTextLength",
                  "attribute value longer than maxTextLength=" + limits.maxTextLength());
            }
            if (ans == null || ans.isEmpty()) {
              e.setAttributeNS(null, al, value);
            } else {
              e.setAttributeNS(ans, ap == null || ap.isEmpty() ? al : ap + ":" + al, value);
            }
          }
          current.appendChild(e);
          current = e;
        }
        case XMLStreamConstants.END_ELEMENT -> {
          flushText(doc, current, text);
          depth--;
          current = current.getParentNode();
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          if (depth == 0) {
            continue; // whitespace outside the root element carries nothing
          }
          int len = r.getTextLength();
          if (text.length() + len > limits.maxTextLength()) {
            throw new XmlRejectedException(
                "maxTextLength",
                "character data longer than maxTextLength=" + limits.maxTextLength());
          }
          text.append(r.getTextCharacters(), r.getTextStart(), len);
        }
        case XMLStreamConstants.COMMENT -> {
          if (depth > 0) {
            flushText(doc, current, text);
            current.appendChild(doc.createComment(r.getText()));
          }
        }
        case XMLStreamConstants.DTD ->
            throw new XmlRejectedException(
                "dtd", "DOCTYPE declarations are not accepted (no DTDs, no entities)");
        case XMLStreamConstants.ENTITY_REFERENCE ->
            throw new XmlRejectedException(
                "dtd", "entity reference &" + r.getLocalName() + "; is not accepted");
        case XMLStreamConstants.PROCESSING_INSTRUCTION ->
            throw new XmlRejectedException(
                "processingInstruction", "processing instructions are not accepted");
        default -> {
          // START_DOCUMENT, END_DOCUMENT: nothing to build
        }
      }
    }
    if (doc.getDocumentElement() == null) {
      throw new XmlRejectedException(null, "XML has no root element");
    }
    return doc;
  }

  private static void flushText(Document doc, Node current, StringBuilder text) {
    if (text.length() > 0) {
      current.appendChild(doc.createTextNode(text.toString()));
      text.setLength(0);
    }
  }

  private XmlRejectedException rejected(BoundedInputStream in, XMLStreamException e) {
    if (in.exceeded()) {
      return new XmlRejectedException(
          "maxBytes", "XML longer than maxBytes=" + limits.maxBytes() + " bytes");
    }
    // The parser's message may quote input; keep only the position.
    String where =
        e.getLocation() == null
            ? ""
            : " at line "
                + e.getLocation().getLineNumber()
                + ", column "
                + e.getLocation().getColumnNumber();
    return new XmlRejectedException("XML is not well-formed" + where, e);
  }

  private static Document newDocument() {
    try {
      DocumentBuilder builder = DOM_FACTORY.newDocumentBuilder();
      return builder.newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("JDK DOM unavailable", e);
    }
  }

  /** A new empty document, for building outbound messages. */
  public static Document newEmptyDocument() {
    return newDocument();
  }

  private static String escapeAttribute(String v) {
    return v.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
  }

  @SuppressForbidden(reason = "the hardened factory: DTDs and external entities switched off here")
  private static XMLInputFactory newInputFactory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
    f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.FALSE);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    f.setXMLResolver(
        (publicId, systemId, baseUri, namespace) -> {
          throw new XMLStreamException("external resources are not resolved");
        });
    return f;
  }

  @SuppressForbidden(reason = "used only to create empty documents; never parses")
  private static DocumentBuilderFactory newDomFactory() {
    DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultNSInstance();
    try {
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("JDK DOM lacks secure processing", e);
    }
    f.setExpandEntityReferences(false);
    return f;
  }

  /** Stops reading past the byte bound and remembers that it did. */
  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private final long max;
    private long count;
    private boolean exceeded;

    BoundedInputStream(InputStream in, long max) {
      this.in = in;
      this.max = max;
    }

    boolean exceeded() {
      return exceeded;
    }

    @Override
    public int read() throws IOException {
      if (count >= max) {
        return overflow();
      }
      int b = in.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      if (count >= max) {
        return overflow();
      }
      int n = in.read(buf, off, (int) Math.min(len, max - count));
      if (n > 0) {
        count += n;
      }
      return n;
    }

    private int overflow() throws IOException {
      if (in.read() < 0) {
        return -1;
      }
      exceeded = true;
      throw new IOException("maxBytes exceeded");
    }
  }
}
