package org.parley.security.internal;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Exclusive XML Canonicalization 1.0 without comments (W3C Recommendation 18 July 2002) of one DOM
 * element subtree, written straight to UTF-8 in a per-thread buffer. Santuario's general
 * canonicalizer walks node sets and ancestor namespace tables on every call; WS-Security signs a
 * handful of small, whole subtrees per message, so this does exactly that and nothing else. {@code
 * ExcC14nTest} checks it byte for byte against Santuario over every element of the peer captures.
 *
 * <p>Rules applied (exc-c14n section 3, with Canonical XML 1.0 section 2): a namespace declaration
 * is output on an element when the element or one of its attributes visibly utilizes the prefix, or
 * the prefix is in the InclusiveNamespaces PrefixList and in scope, and the nearest output ancestor
 * has not already output the same binding; declarations sort by prefix (default first), attributes
 * by namespace URI then local name; empty elements get an end tag; comments are dropped; text and
 * attribute values are escaped as Canonical XML 1.0 section 2.3 says.
 */
public final class ExcC14n {
  private ExcC14n() {}

  private static final String XMLNS = "http://www.w3.org/2000/xmlns/";
  private static final ThreadLocal<Utf8Buffer> BUFFER = ThreadLocal.withInitial(Utf8Buffer::new);

  /** The canonical bytes of {@code apex}. */
  public static byte[] toBytes(Element apex, String inclusivePrefixes) {
    Utf8Buffer out = BUFFER.get();
    out.reset();
    element(apex, Collections.emptyMap(), prefixes(inclusivePrefixes), out);
    return Arrays.copyOf(out.buf, out.len);
  }

  /** The digest of the canonical bytes of {@code apex}. */
  public static byte[] digest(Element apex, String inclusivePrefixes, MessageDigest md) {
    Utf8Buffer out = BUFFER.get();
    out.reset();
    element(apex, Collections.emptyMap(), prefixes(inclusivePrefixes), out);
    md.reset();
    md.update(out.buf, 0, out.len);
    return md.digest();
  }

  private static Set<String> prefixes(String list) {
    if (list == null || list.isBlank()) {
      return Collections.emptySet();
    }
    Set<String> out = new HashSet<>();
    for (String p : list.trim().split("\\s+")) {
      out.add("#default".equals(p) ? "" : p);
    }
    return out;
  }

  private static void element(
      Element e, Map<String, String> rendered, Set<String> inclusive, Utf8Buffer out) {
    TreeMap<String, String> decls = null;
    decls = need(decls, rendered, nz(e.getPrefix()), nz(e.getNamespaceURI()));
    NamedNodeMap attrs = e.getAttributes();
    int n = attrs.getLength();
    Attr[] plain = new Attr[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      Attr a = (Attr) attrs.item(i);
      if (XMLNS.equals(a.getNamespaceURI())) {
        continue;
      }
      plain[m++] = a;
      String ap = a.getPrefix();
      if (ap != null && !ap.isEmpty() && !"xml".equals(ap)) {
        decls = need(decls, rendered, ap, nz(a.getNamespaceURI()));
      }
    }
    for (String p : inclusive) {
      String uri = lookup(e, p);
      if (uri != null) {
        decls = need(decls, rendered, p, uri);
      }
    }
    String name = e.getNodeName();
    out.ascii('<');
    out.str(name);
    if (decls != null) {
      for (Map.Entry<String, String> d : decls.entrySet()) {
        out.str(d.getKey().isEmpty() ? " xmlns=\"" : " xmlns:");
        if (!d.getKey().isEmpty()) {
          out.str(d.getKey());
          out.str("=\"");
        }
        attributeValue(d.getValue(), out);
        out.ascii('"');
      }
    }
    if (m > 1) {
      Arrays.sort(plain, 0, m, ExcC14n::compareAttributes);
    }
    for (int i = 0; i < m; i++) {
      Attr a = plain[i];
      out.ascii(' ');
      out.str(a.getNodeName());
      out.str("=\"");
      attributeValue(a.getValue(), out);
      out.ascii('"');
    }
    out.ascii('>');
    Map<String, String> inner = rendered;
    if (decls != null) {
      inner = new HashMap<>(rendered);
      inner.putAll(decls);
    }
    for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
      switch (c.getNodeType()) {
        case Node.ELEMENT_NODE -> element((Element) c, inner, inclusive, out);
        case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> text(c.getNodeValue(), out);
        default -> {
          // comments are dropped (without-comments variant); no PIs reach a Parley tree
        }
      }
    }
    out.str("</");
    out.str(name);
    out.ascii('>');
  }

  /** Adds a declaration of {@code prefix} unless the output ancestor already rendered it. */
  private static TreeMap<String, String> need(
      TreeMap<String, String> decls, Map<String, String> rendered, String prefix, String uri) {
    if ("xml".equals(prefix)) {
      return decls;
    }
    String have = rendered.get(prefix);
    if (have == null && prefix.isEmpty()) {
      have = ""; // the default namespace starts out empty
    }
    if (uri.equals(have) || (!prefix.isEmpty() && uri.isEmpty())) {
      return decls;
    }
    if (decls == null) {
      decls = new TreeMap<>();
    } else if (decls.containsKey(prefix)) {
      return decls;
    }
    decls.put(prefix, uri);
    return decls;
  }

  /** The in-scope binding of {@code prefix} at {@code e}, or null ("" for an unbound default). */
  private static String lookup(Element e, String prefix) {
    for (Node p = e; p != null && p.getNodeType() == Node.ELEMENT_NODE; p = p.getParentNode()) {
      Element el = (Element) p;
      if (prefix.equals(nz(el.getPrefix())) && el.getNamespaceURI() != null) {
        return el.getNamespaceURI();
      }
      Attr decl =
          prefix.isEmpty()
              ? el.getAttributeNodeNS(XMLNS, "xmlns")
              : el.getAttributeNodeNS(XMLNS, prefix);
      if (decl != null) {
        return decl.getValue();
      }
    }
    return prefix.isEmpty() ? "" : null;
  }

  private static int compareAttributes(Attr a, Attr b) {
    int c = nz(a.getNamespaceURI()).compareTo(nz(b.getNamespaceURI()));
    if (c != 0) {
      return c;
    }
    return localName(a).compareTo(localName(b));
  }

  private static String localName(Attr a) {
    String l = a.getLocalName();
    return l == null ? a.getName() : l;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static void text(String s, Utf8Buffer out) {
    out.escaped(s, IN_TEXT);
  }

  private static void attributeValue(String s, Utf8Buffer out) {
    out.escaped(s, IN_ATTRIBUTE);
  }

  private static final int IN_TEXT = 1;
  private static final int IN_ATTRIBUTE = 2;

  /*
   * Per ASCII char, where Canonical XML 1.0 section 2.3 replaces it by a character reference: 1 in
   * text nodes, 2 in attribute values.
   */
  private static final byte[] ESCAPED = new byte[128];

  static {
    ESCAPED['&'] = IN_TEXT | IN_ATTRIBUTE;
    ESCAPED['<'] = IN_TEXT | IN_ATTRIBUTE;
    ESCAPED['>'] = IN_TEXT;
    ESCAPED['\r'] = IN_TEXT | IN_ATTRIBUTE;
    ESCAPED['"'] = IN_ATTRIBUTE;
    ESCAPED['\t'] = IN_ATTRIBUTE;
    ESCAPED['\n'] = IN_ATTRIBUTE;
  }

  private static String reference(char c) {
    return switch (c) {
      case '&' -> "&amp;";
      case '<' -> "&lt;";
      case '>' -> "&gt;";
      case '"' -> "&quot;";
      case '\t' -> "&#x9;";
      case '\n' -> "&#xA;";
      default -> "&#xD;";
    };
  }

  /** A growable UTF-8 byte buffer, reused per thread. */
  private static final class Utf8Buffer {
    byte[] buf = new byte[8192];
    int len;

    void reset() {
      len = 0;
      if (buf.length > (1 << 20)) {
        buf = new byte[8192]; // do not pin a huge buffer to the thread
      }
    }

    private void ensure(int more) {
      if (len + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
      }
    }

    void ascii(char c) {
      ensure(1);
      buf[len++] = (byte) c;
    }

    /**
     * Appends {@code s}, replacing the characters {@code context} marks in {@link #ESCAPED}. Plain
     * ASCII, nearly all of a SOAP message, takes the short path.
     */
    void escaped(String s, int context) {
      int n = s.length();
      ensure(n);
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c < 0x80) {
          if ((ESCAPED[c] & context) == 0) {
            if (len == buf.length) {
              ensure(1);
            }
            buf[len++] = (byte) c;
          } else {
            str(reference(c));
          }
        } else {
          ch(s, i, c);
          if (Character.isHighSurrogate(c) && i + 1 < n) {
            i++;
          }
        }
      }
    }

    void str(String s) {
      for (int i = 0, n = s.length(); i < n; i++) {
        char c = s.charAt(i);
        ch(s, i, c);
        if (Character.isHighSurrogate(c) && i + 1 < n) {
          i++;
        }
      }
    }

    /** Appends the character at {@code i} (a surrogate pair when {@code c} is high). */
    void ch(String s, int i, char c) {
      ensure(4);
      if (c < 0x80) {
        buf[len++] = (byte) c;
      } else if (c < 0x800) {
        buf[len++] = (byte) (0xC0 | (c >> 6));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
        int cp = Character.toCodePoint(c, s.charAt(i + 1));
        buf[len++] = (byte) (0xF0 | (cp >> 18));
        buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        buf[len++] = (byte) (0xE0 | (c >> 12));
        buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
      }
    }
  }
}
