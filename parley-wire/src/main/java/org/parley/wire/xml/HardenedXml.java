package org.parley.wire.xml;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.codehaus.stax2.XMLInputFactory2;
import org.codehaus.stax2.io.Stax2CharArraySource;
import org.parley.core.SuppressForbidden;
import org.w3c.dom.Attr;
import org.w3c.dom.DOMImplementation;
import org.w3c.dom.Document;
import org.w3c.dom.DocumentFragment;
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
  private static final DOMImplementation DOM = newDomImplementation();
  private static final String FRAGMENT_TAIL = "</parley-fragment>";

  private final XmlLimits limits;
  private final XMLInputFactory2 inputFactory;
  private final XMLInputFactory2 fragmentFactory;

  private HardenedXml(XmlLimits limits) {
    this.limits = limits;
    this.inputFactory = newInputFactory(limits, limits.maxAttributesPerElement() + 1);
    this.fragmentFactory = newInputFactory(limits, maxWrapperDeclarations(limits) + 1);
  }

  /**
   * The most namespace declarations the fragment wrapper may carry: everything in scope at an
   * insertion point of a document this parser accepted, at most {@code maxAttributesPerElement} on
   * each of {@code maxDepth} ancestors. Woodstox counts declarations against its attribute limit,
   * so the fragment parser's backstop is this high; {@link #build} still holds every element of the
   * fragment itself to {@code maxAttributesPerElement}.
   */
  private static int maxWrapperDeclarations(XmlLimits limits) {
    long n = (long) limits.maxDepth() * limits.maxAttributesPerElement();
    return (int) Math.min(n, Integer.MAX_VALUE - 1);
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
    // In memory, the bytes are decoded in one pass straight into the array the parser reads.
    Charset charset;
    int bom;
    if (startsWith(xml, 0xEF, 0xBB, 0xBF)) {
      charset = StandardCharsets.UTF_8;
      bom = 3;
    } else if (startsWith(xml, 0xFE, 0xFF)) {
      charset = StandardCharsets.UTF_16BE;
      bom = 2;
    } else if (startsWith(xml, 0xFF, 0xFE)) {
      charset = StandardCharsets.UTF_16LE;
      bom = 2;
    } else if (startsWith(xml, 0x00, 0x3C)) {
      charset = StandardCharsets.UTF_16BE;
      bom = 0;
    } else if (startsWith(xml, 0x3C, 0x00)) {
      charset = StandardCharsets.UTF_16LE;
      bom = 0;
    } else {
      charset = StandardCharsets.UTF_8;
      bom = 0;
    }
    // UTF-8 and UTF-16 never decode to more chars than there are bytes.
    char[] chars = new char[xml.length - bom];
    int n = decode(xml, bom, xml.length - bom, charset, chars, 0);
    Document doc = newDocument();
    parseChars(chars, n, charset, doc, doc, false);
    return doc;
  }

  private static boolean startsWith(byte[] b, int... prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((b[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Strict decoding: malformed or unmappable input fails instead of turning into U+FFFD (which
   * would change signed text). Parley decodes, never the parser, so these rules hold whichever
   * parser reads the chars.
   */
  private static int decode(byte[] in, int off, int len, Charset cs, char[] out, int outOff)
      throws XmlRejectedException {
    CharsetDecoder d =
        cs.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer cb = CharBuffer.wrap(out, outOff, out.length - outOff);
    try {
      CoderResult r = d.decode(ByteBuffer.wrap(in, off, len), cb, true);
      if (!r.isUnderflow()) {
        r.throwException();
      }
      r = d.flush(cb);
      if (!r.isUnderflow()) {
        r.throwException();
      }
    } catch (CharacterCodingException e) {
      throw new XmlRejectedException("XML is not well-formed (not " + cs.name() + ")", e);
    }
    return cb.position() - outOff;
  }

  /**
   * Parses from a stream, reading at most {@code maxBytes} + 1 bytes from it: the stream is never
   * drained past the bound, so a hostile sender cannot make Parley buffer more than that. The
   * stream is not closed; it belongs to the caller.
   */
  public Document parse(InputStream in) throws XmlRejectedException {
    Document doc = newDocument();
    parseStream(in, limits.maxBytes(), doc);
    return doc;
  }

  /**
   * Parses a fragment (decrypted element content, for example) into {@code owner} and returns its
   * nodes as a document fragment ready to be inserted. The fragment is parsed inside a wrapper
   * element carrying {@code namespaceContext} (prefix to URI; "" for the default namespace) so
   * prefixes in scope at the insertion point resolve; the wrapper's declarations are not copied
   * onto the fragment's nodes, exactly as the bytes looked before they were encrypted (XML
   * Encryption 1.1 section 4.3: the decrypted octets are parsed in the context of the replaced
   * element). {@code maxBytes} bounds the fragment itself; {@code maxDepth} counts from the
   * insertion point.
   */
  public DocumentFragment parseFragment(
      byte[] fragment, Document owner, Map<String, String> namespaceContext)
      throws XmlRejectedException {
    if (fragment.length > limits.maxBytes()) {
      throw new XmlRejectedException(
          "maxBytes",
          "XML fragment of " + fragment.length + " bytes exceeds maxBytes=" + limits.maxBytes());
    }
    if (namespaceContext.size() > maxWrapperDeclarations(limits)) {
      throw new XmlRejectedException(
          "maxAttributesPerElement",
          "XML fragment inserted where "
              + namespaceContext.size()
              + " namespaces are in scope, over maxDepth x maxAttributesPerElement="
              + maxWrapperDeclarations(limits));
    }
    StringBuilder open = new StringBuilder("<parley-fragment");
    for (Map.Entry<String, String> e : namespaceContext.entrySet()) {
      String prefix = e.getKey() == null ? "" : e.getKey();
      if ("xml".equals(prefix) || "xmlns".equals(prefix)) {
        continue; // bound by definition (Namespaces in XML 1.0 section 3); may not be redeclared
      }
      open.append(' ')
          .append(prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix)
          .append("=\"")
          .append(escapeAttribute(e.getValue() == null ? "" : e.getValue()))
          .append('"');
    }
    open.append('>');
    // Wrapper and fragment go into one char array: the fragment is decoded (strict UTF-8, the
    // encoding of everything Parley encrypts and receives encrypted) straight into its place.
    int head = open.length();
    char[] all = new char[head + fragment.length + FRAGMENT_TAIL.length()];
    open.getChars(0, head, all, 0);
    int n = decode(fragment, 0, fragment.length, StandardCharsets.UTF_8, all, head);
    FRAGMENT_TAIL.getChars(0, FRAGMENT_TAIL.length(), all, head + n);
    DocumentFragment result = owner.createDocumentFragment();
    parseChars(all, head + n + FRAGMENT_TAIL.length(), StandardCharsets.UTF_8, owner, result, true);
    return result;
  }

  private void parseChars(
      char[] chars, int length, Charset charset, Document doc, Node root, boolean fragment)
      throws XmlRejectedException {
    XMLStreamReader reader;
    try {
      XMLInputFactory2 f = fragment ? fragmentFactory : inputFactory;
      reader = f.createXMLStreamReader(new Stax2CharArraySource(chars, 0, length));
    } catch (XMLStreamException e) {
      throw rejected(false, e);
    }
    buildFrom(reader, charset, doc, root, fragment, null);
  }

  private void parseStream(InputStream in, long maxBytes, Document doc)
      throws XmlRejectedException {
    BoundedInputStream bounded = new BoundedInputStream(in, maxBytes);
    XMLStreamReader reader;
    Charset charset;
    try {
      PushbackInputStream head = new PushbackInputStream(bounded, 4);
      charset = detectCharset(head);
      // We decode, not the parser (see decode): a strict decoder fails with an IOException on
      // malformed bytes, and no parser gets to print anything about them to the console.
      Reader chars =
          new InputStreamReader(
              head,
              charset
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPORT)
                  .onUnmappableCharacter(CodingErrorAction.REPORT));
      reader = inputFactory.createXMLStreamReader(chars);
    } catch (IOException e) {
      throw rejected(bounded.exceeded(), new XMLStreamException(e));
    } catch (XMLStreamException e) {
      throw rejected(bounded.exceeded(), e);
    }
    buildFrom(reader, charset, doc, doc, false, bounded);
  }

  private void buildFrom(
      XMLStreamReader reader,
      Charset charset,
      Document doc,
      Node root,
      boolean fragment,
      BoundedInputStream bounded)
      throws XmlRejectedException {
    boolean strict = doc.getStrictErrorChecking();
    // Names and values come from a conforming parser; Xerces' per-call name checks only cost time.
    doc.setStrictErrorChecking(false);
    try {
      checkDeclaration(reader, charset);
      build(reader, doc, root, fragment);
    } catch (XMLStreamException e) {
      throw rejected(bounded != null && bounded.exceeded(), e);
    } finally {
      doc.setStrictErrorChecking(strict);
      try {
        reader.close();
      } catch (XMLStreamException ignored) {
        // nothing left to release
      }
    }
  }

  /**
   * The encoding from the byte order mark or the first characters (XML 1.0 appendix F.1): UTF-8
   * (with or without BOM) or UTF-16 (with BOM, or recognised by "&lt;" encoded in two bytes). A BOM
   * is consumed; other bytes are pushed back.
   */
  private static Charset detectCharset(PushbackInputStream in) throws IOException {
    byte[] b = new byte[4];
    int n = 0;
    while (n < 4) {
      int r = in.read(b, n, 4 - n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    int b0 = n > 0 ? b[0] & 0xff : -1;
    int b1 = n > 1 ? b[1] & 0xff : -1;
    int b2 = n > 2 ? b[2] & 0xff : -1;
    Charset cs;
    int bom;
    if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
      cs = StandardCharsets.UTF_8;
      bom = 3;
    } else if (b0 == 0xFE && b1 == 0xFF) {
      cs = StandardCharsets.UTF_16BE;
      bom = 2;
    } else if (b0 == 0xFF && b1 == 0xFE) {
      cs = StandardCharsets.UTF_16LE;
      bom = 2;
    } else if (b0 == 0x00 && b1 == 0x3C) {
      cs = StandardCharsets.UTF_16BE;
      bom = 0;
    } else if (b0 == 0x3C && b1 == 0x00) {
      cs = StandardCharsets.UTF_16LE;
      bom = 0;
    } else {
      cs = StandardCharsets.UTF_8;
      bom = 0;
    }
    if (n > bom) {
      in.unread(b, bom, n - bom);
    }
    return cs;
  }

  private static void checkDeclaration(XMLStreamReader r, Charset detected)
      throws XmlRejectedException {
    String version = r.getVersion();
    // SOAP 1.2 part 1 section 5 and XML-exc-c14n are defined over XML 1.0; XML 1.1 normalises
    // NEL and U+2028 into line feeds, which would change signed text.
    if (version != null && !"1.0".equals(version)) {
      throw new XmlRejectedException(
          "xmlVersion", "XML version " + printable(version) + " is not accepted; only 1.0 is");
    }
    String declared = r.getCharacterEncodingScheme();
    if (declared != null) {
      String e = declared.toUpperCase(Locale.ROOT);
      boolean utf16 = detected != StandardCharsets.UTF_8;
      // WS-I Basic Profile 1.2 R1012: a message is serialised as UTF-8 or UTF-16; and the
      // declaration must agree with the bytes (XML 1.0 section 4.3.3).
      boolean ok = utf16 ? e.startsWith("UTF-16") : e.equals("UTF-8") || e.equals("UTF8");
      if (!ok) {
        throw new XmlRejectedException(
            "encoding",
            "XML declares encoding "
                + printable(declared)
                + " but is "
                + detected.name()
                + "; WS-I Basic Profile R1012 allows UTF-8 and UTF-16");
      }
    }
  }

  private void build(XMLStreamReader r, Document doc, Node root, boolean fragment)
      throws XMLStreamException, XmlRejectedException {
    // In fragment mode the first element is our wrapper: it maps to root and is not counted.
    final int base = fragment ? 1 : 0;
    Node current = root;
    int depth = 0;
    int nodes = 0;
    TextRun text = new TextRun();
    while (r.hasNext()) {
      int event = r.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> {
          text.flush(doc, current);
          depth++;
          if (depth == base) {
            continue; // the fragment wrapper
          }
          if (depth - base > limits.maxDepth()) {
            throw new XmlRejectedException(
                "maxDepth", "XML nesting deeper than maxDepth=" + limits.maxDepth());
          }
          if (++nodes > limits.maxElements()) {
            throw new XmlRejectedException(
                "maxElements",
                "XML has more elements and comments than maxElements=" + limits.maxElements());
          }
          int nsCount = r.getNamespaceCount();
          int attrCount = r.getAttributeCount();
          if (nsCount + attrCount > limits.maxAttributesPerElement()) {
            throw new XmlRejectedException(
                "maxAttributesPerElement",
                "element <"
                    + printable(r.getLocalName())
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
            addAttribute(
                doc,
                e,
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
              addAttribute(doc, e, null, al, value);
            } else {
              addAttribute(doc, e, ans, ap == null || ap.isEmpty() ? al : ap + ":" + al, value);
            }
          }
          current.appendChild(e);
          current = e;
        }
        case XMLStreamConstants.END_ELEMENT -> {
          text.flush(doc, current);
          if (depth > base) {
            current = current.getParentNode();
          }
          depth--;
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          if (depth == 0) {
            continue; // whitespace outside the root element carries nothing
          }
          // CDATA sections become plain text: exc-c14n (section 1.1 of C14N 1.0) does the same,
          // so the digest is unchanged and the writer escapes what needs escaping.
          int len = r.getTextLength();
          if (text.length + len > limits.maxTextLength()) {
            throw new XmlRejectedException(
                "maxTextLength",
                "character data longer than maxTextLength=" + limits.maxTextLength());
          }
          text.add(r, len);
        }
        case XMLStreamConstants.COMMENT -> {
          // Comments are kept (a with-comments c14n would see them) but each is a DOM node, so they
          // count against maxElements and their text against maxTextLength.
          if (depth > 0) {
            text.flush(doc, current);
            if (++nodes > limits.maxElements()) {
              throw new XmlRejectedException(
                  "maxElements",
                  "XML has more elements and comments than maxElements=" + limits.maxElements());
            }
            if (r.getTextLength() > limits.maxTextLength()) {
              throw new XmlRejectedException(
                  "maxTextLength", "comment longer than maxTextLength=" + limits.maxTextLength());
            }
            current.appendChild(doc.createComment(r.getText()));
          }
        }
        case XMLStreamConstants.DTD ->
            // With SUPPORT_DTD=false Woodstox reports the DOCTYPE as this event without reading
            // the external subset or expanding anything (checked by HardenedXmlTest).
            throw new XmlRejectedException(
                "dtd", "DOCTYPE declarations are not accepted (no DTDs, no entities)");
        case XMLStreamConstants.ENTITY_REFERENCE ->
            throw new XmlRejectedException(
                "dtd", "entity reference &" + printable(r.getLocalName()) + "; is not accepted");
        case XMLStreamConstants.PROCESSING_INSTRUCTION ->
            // SOAP 1.2 part 1 section 5: a SOAP message MUST NOT contain processing instructions.
            throw new XmlRejectedException(
                "processingInstruction", "processing instructions are not accepted");
        default -> {
          // START_DOCUMENT, END_DOCUMENT: nothing to build
        }
      }
    }
    if (!fragment && doc.getDocumentElement() == null) {
      throw new XmlRejectedException(null, "XML has no root element");
    }
  }

  /**
   * Element.setAttributeNS first looks for an existing attribute of the name, which a fresh element
   * from a parser that refuses duplicate attributes (Namespaces in XML 1.0 section 6.3) never has;
   * creating the node and attaching it skips that lookup.
   */
  private static void addAttribute(
      Document doc, Element e, String namespace, String qualifiedName, String value) {
    Attr a = doc.createAttributeNS(namespace, qualifiedName);
    a.setValue(value);
    e.setAttributeNodeNS(a);
  }

  /** Hostile names go into messages and logs: cut them short and keep them printable. */
  private static String printable(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(Math.min(s.length(), 64));
    for (int i = 0; i < s.length() && i < 64; i++) {
      char c = s.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return s.length() > 64 ? sb.append("...").toString() : sb.toString();
  }

  /**
   * Character data between two markup events. Most runs arrive as one parser event, which becomes
   * the text node's string directly; only a run split over several events (around a CDATA section
   * or a character reference, say) is joined in a builder.
   */
  private static final class TextRun {
    private String single;
    private StringBuilder joined;
    int length;

    void add(XMLStreamReader r, int len) {
      if (length == 0) {
        single = r.getText();
      } else {
        if (joined == null) {
          joined = new StringBuilder(Math.max(64, length + len));
        }
        if (single != null) {
          joined.append(single);
          single = null;
        }
        joined.append(r.getTextCharacters(), r.getTextStart(), len);
      }
      length += len;
    }

    void flush(Document doc, Node current) {
      if (length > 0) {
        String value;
        if (single != null) {
          value = single;
          single = null;
        } else {
          value = joined.toString();
          joined.setLength(0);
        }
        length = 0;
        current.appendChild(doc.createTextNode(value));
      }
    }
  }

  private XmlRejectedException rejected(boolean bytesExceeded, XMLStreamException e) {
    if (bytesExceeded) {
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
    // DOMImplementation.createDocument is stateless; a DocumentBuilder per parse would build a
    // whole Xerces parser configuration only to throw it away.
    return DOM.createDocument(null, null, null);
  }

  /** A new empty document, for building outbound messages. */
  public static Document newEmptyDocument() {
    return newDocument();
  }

  private static String escapeAttribute(String v) {
    return v.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
  }

  /**
   * Woodstox, configured per limit set. No DTD support at all: a DOCTYPE is reported as an event
   * (which {@link #build} rejects) without its internal subset being read or its external subset
   * fetched, so no entity is ever declared. Woodstox's own limits are backstops one past Parley's:
   * Parley's checks in {@link #build} see every element first and reject with the setting's name,
   * and nothing past an {@link XmlLimits} bound is ever accepted either way.
   */
  @SuppressForbidden(reason = "the hardened factory: DTDs and external entities switched off here")
  private static XMLInputFactory2 newInputFactory(XmlLimits limits, int attributeBackstop) {
    XMLInputFactory2 f = new WstxInputFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
    f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.FALSE);
    f.setProperty(XMLInputFactory.IS_VALIDATING, Boolean.FALSE);
    f.setProperty(XMLInputFactory2.P_AUTO_CLOSE_INPUT, Boolean.FALSE);
    // Interning namespace URIs goes through a synchronized global cache on every declaration;
    // nothing in Parley compares URIs by identity.
    f.setProperty(XMLInputFactory2.P_INTERN_NS_URIS, Boolean.FALSE);
    f.setProperty(WstxInputProperties.P_ALLOW_XML11_ESCAPED_CHARS_IN_XML10, Boolean.FALSE);
    XMLResolver refuse =
        (publicId, systemId, baseUri, namespace) -> {
          throw new XMLStreamException("external resources are not resolved");
        };
    f.setXMLResolver(refuse);
    f.setProperty(WstxInputProperties.P_DTD_RESOLVER, refuse);
    f.setProperty(WstxInputProperties.P_ENTITY_RESOLVER, refuse);
    f.setProperty(WstxInputProperties.P_UNDECLARED_ENTITY_RESOLVER, refuse);
    f.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1);
    f.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
    // +1 for the fragment wrapper, +1 so Parley's own check (naming the setting) fires first.
    f.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, limits.maxDepth() + 2);
    f.setProperty(WstxInputProperties.P_MAX_ELEMENT_COUNT, (long) limits.maxElements() + 2);
    f.setProperty(WstxInputProperties.P_MAX_CHILDREN_PER_ELEMENT, limits.maxElements() + 2);
    // Woodstox counts namespace declarations and attributes together, as maxAttributesPerElement
    // does.
    f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, attributeBackstop);
    f.setProperty(
        WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, saturatedPlusOne(limits.maxTextLength()));
    f.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, saturatedPlusOne(limits.maxTextLength()));
    return f;
  }

  private static int saturatedPlusOne(int v) {
    return v == Integer.MAX_VALUE ? v : v + 1;
  }

  @SuppressForbidden(reason = "used only to create empty documents; never parses")
  private static DOMImplementation newDomImplementation() {
    DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultNSInstance();
    try {
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setExpandEntityReferences(false);
      return f.newDocumentBuilder().getDOMImplementation();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("JDK DOM lacks secure processing", e);
    }
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
