package org.parley.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Set;
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
    new Walk(out, prefixes(inclusivePrefixes), apex).element(apex);
    return Arrays.copyOf(out.buf, out.len);
  }

  /** The digest of the canonical bytes of {@code apex}. */
  public static byte[] digest(Element apex, String inclusivePrefixes, MessageDigest md) {
    Utf8Buffer out = BUFFER.get();
    out.reset();
    new Walk(out, prefixes(inclusivePrefixes), apex).element(apex);
    md.reset();
    md.update(out.buf, 0, out.len);
    return md.digest();
  }

  private static String[] prefixes(String list) {
    if (list == null || list.isBlank()) {
      return NO_PREFIXES;
    }
    // The PrefixList is an NMTOKENS list (exc-c14n section 4.1): split on XML whitespace.
    Set<String> out = new LinkedHashSet<>();
    int n = list.length();
    int i = 0;
    while (i < n) {
      while (i < n && isXmlSpace(list.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isXmlSpace(list.charAt(i))) {
        i++;
      }
      if (i > start) {
        String p = list.substring(start, i);
        out.add("#default".equals(p) ? "" : p);
      }
    }
    return out.toArray(NO_PREFIXES);
  }

  private static boolean isXmlSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private static final String[] NO_PREFIXES = new String[0];

  /**
   * One canonicalization. The namespaces the nearest output ancestor rendered, and the in-scope
   * bindings of the InclusiveNamespaces prefixes, are kept in two maps that each element changes on
   * the way down and restores on the way up: one lookup per name, no copying per element, and no
   * walk to the root per element, however deep or wide a hostile tree is.
   */
  private static final class Walk {
    private final Utf8Buffer out;
    private final String[] inclusive;
    private final Scope rendered = new Scope();
    private final Scope inclusiveInScope = new Scope();
    private Attr[] plain = new Attr[8];
    private String[] declPrefix = new String[8];
    private String[] declUri = new String[8];
    private int decls;

    Walk(Utf8Buffer out, String[] inclusive, Element apex) {
      this.out = out;
      this.inclusive = inclusive;
      // The default namespace starts out empty (C14N 1.0 section 2.3: xmlns="" is output only to
      // undo a rendered default).
      rendered.put("", "");
      for (String p : inclusive) {
        Node parent = apex.getParentNode();
        String uri = parent instanceof Element pe ? lookup(pe, p) : (p.isEmpty() ? "" : null);
        if (uri != null) {
          inclusiveInScope.put(p, uri);
        }
      }
    }

    void element(Element e) {
      int renderedMark = rendered.mark();
      int inclusiveMark = inclusiveInScope.mark();
      NamedNodeMap attrs = e.getAttributes();
      int n = attrs.getLength();
      if (plain.length < n) {
        plain = new Attr[n];
      }
      int m = 0;
      if (inclusive.length > 0) {
        // The element's own bindings of inclusive prefixes, as lookup() would find them here.
        for (int i = 0; i < n; i++) {
          Attr a = (Attr) attrs.item(i);
          if (XMLNS.equals(a.getNamespaceURI())) {
            String p = "xmlns".equals(a.getNodeName()) ? "" : a.getLocalName();
            if (isInclusive(p)) {
              inclusiveInScope.put(p, a.getValue());
            }
          }
        }
        String ep = nz(e.getPrefix());
        if (e.getNamespaceURI() != null && isInclusive(ep)) {
          inclusiveInScope.put(ep, e.getNamespaceURI());
        }
      }
      // Rendering decisions are made against the ancestors' output only; a declaration made here
      // joins `rendered` after this element's own list is complete.
      decls = 0;
      need(nz(e.getPrefix()), nz(e.getNamespaceURI()));
      for (int i = 0; i < n; i++) {
        Attr a = (Attr) attrs.item(i);
        if (XMLNS.equals(a.getNamespaceURI())) {
          continue;
        }
        plain[m++] = a;
        String ap = a.getPrefix();
        if (ap != null && !ap.isEmpty() && !"xml".equals(ap)) {
          need(ap, nz(a.getNamespaceURI()));
        }
      }
      for (String p : inclusive) {
        String uri = inclusiveInScope.get(p);
        if (uri != null) {
          need(p, uri);
        }
      }
      String name = e.getNodeName();
      out.ascii('<');
      out.str(name);
      sortDeclarations();
      for (int i = 0; i < decls; i++) {
        if (declPrefix[i].isEmpty()) {
          out.str(" xmlns=\"");
        } else {
          out.str(" xmlns:");
          out.str(declPrefix[i]);
          out.str("=\"");
        }
        attributeValue(declUri[i], out);
        out.ascii('"');
      }
      if (m > 1) {
        Arrays.sort(plain, 0, m, ExcC14n::compareAttributes);
      }
      for (int i = 0; i < m; i++) {
        Attr a = plain[i];
        plain[i] = null;
        out.ascii(' ');
        out.str(a.getNodeName());
        out.str("=\"");
        attributeValue(a.getValue(), out);
        out.ascii('"');
      }
      out.ascii('>');
      for (int i = 0; i < decls; i++) {
        rendered.put(declPrefix[i], declUri[i]);
      }
      for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
        switch (c.getNodeType()) {
          case Node.ELEMENT_NODE -> element((Element) c);
          case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> text(c.getNodeValue(), out);
          default -> {
            // comments are dropped (without-comments variant); no PIs reach a Parley tree
          }
        }
      }
      out.str("</");
      out.str(name);
      out.ascii('>');
      rendered.restore(renderedMark);
      inclusiveInScope.restore(inclusiveMark);
    }

    private boolean isInclusive(String prefix) {
      for (String p : inclusive) {
        if (p.equals(prefix)) {
          return true;
        }
      }
      return false;
    }

    /** Adds a declaration of {@code prefix} unless the output ancestor already rendered it. */
    private void need(String prefix, String uri) {
      if ("xml".equals(prefix)) {
        return;
      }
      String have = rendered.get(prefix);
      if (uri.equals(have) || (!prefix.isEmpty() && uri.isEmpty())) {
        return;
      }
      for (int i = 0; i < decls; i++) {
        if (declPrefix[i].equals(prefix)) {
          return;
        }
      }
      if (decls == declPrefix.length) {
        declPrefix = Arrays.copyOf(declPrefix, decls * 2);
        declUri = Arrays.copyOf(declUri, decls * 2);
      }
      declPrefix[decls] = prefix;
      declUri[decls] = uri;
      decls++;
    }

    /** Declarations in prefix order, the default namespace ("") first. */
    private void sortDeclarations() {
      for (int i = 1; i < decls; i++) {
        String p = declPrefix[i];
        String u = declUri[i];
        int j = i - 1;
        while (j >= 0 && declPrefix[j].compareTo(p) > 0) {
          declPrefix[j + 1] = declPrefix[j];
          declUri[j + 1] = declUri[j];
          j--;
        }
        declPrefix[j + 1] = p;
        declUri[j + 1] = u;
      }
    }
  }

  /** A prefix map whose changes can be undone back to a mark, for a depth-first walk. */
  private static final class Scope {
    private final HashMap<String, String> map = new HashMap<>();
    private String[] undoKey = new String[8];
    private String[] undoValue = new String[8];
    private int size;

    String get(String prefix) {
      return map.get(prefix);
    }

    int mark() {
      return size;
    }

    void put(String prefix, String uri) {
      String old = map.put(prefix, uri);
      if (size == undoKey.length) {
        undoKey = Arrays.copyOf(undoKey, size * 2);
        undoValue = Arrays.copyOf(undoValue, size * 2);
      }
      undoKey[size] = prefix;
      undoValue[size] = old;
      size++;
    }

    void restore(int mark) {
      while (size > mark) {
        size--;
        String k = undoKey[size];
        String v = undoValue[size];
        if (v == null) {
          map.remove(k);
        } else {
          map.put(k, v);
        }
        undoKey[size] = null;
        undoValue[size] = null;
      }
    }
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

  /** Strings shorter than this (names, fixed markup) are cheaper to encode char by char. */
  private static final int BULK_MIN_CHARS = 16;

  /** A growable UTF-8 byte buffer, reused per thread. */
  private static final class Utf8Buffer {
    byte[] buf = new byte[8192];
    int len;

    /** Each string's chars are copied here in bulk; indexing an array beats charAt per char. */
    private char[] chars = new char[256];

    void reset() {
      len = 0;
      if (buf.length > (1 << 20)) {
        buf = new byte[8192]; // do not pin a huge buffer to the thread
      }
      if (chars.length > (1 << 16)) {
        chars = new char[256];
      }
    }

    private void ensure(long more) {
      if (len + more > buf.length) {
        long want = Math.max((long) buf.length * 2, len + more);
        if (want > Integer.MAX_VALUE - 16) {
          throw new OutOfMemoryError("canonical form larger than a byte array can hold");
        }
        buf = Arrays.copyOf(buf, (int) want);
      }
    }

    void ascii(char c) {
      ensure(1);
      buf[len++] = (byte) c;
    }

    /**
     * Appends {@code s} as UTF-8, replacing the characters {@code context} marks in {@link
     * #ESCAPED}. Plain ASCII, nearly all of a SOAP message, goes through one tight loop with a
     * single capacity check (3 bytes per char covers every encoding; a surrogate pair is 4 bytes
     * for 2 chars).
     */
    void escaped(String s, int context) {
      int n = s.length();
      if (n >= BULK_MIN_CHARS && escapedAscii(s, context)) {
        return;
      }
      escapedChars(s, context);
    }

    /**
     * The ASCII case in bulk: the JDK encodes an ASCII string with one array copy, and the runs
     * between characters to escape go over with {@code System.arraycopy}. Returns false, having
     * written nothing, when {@code s} is not ASCII; the UTF-8 encoder writes an unpaired surrogate
     * as '?', so a '?' that was not one in {@code s} sends the string to {@link #escapedChars} too,
     * which encodes surrogates as it always has.
     */
    private boolean escapedAscii(String s, int context) {
      int n = s.length();
      byte[] u = s.getBytes(StandardCharsets.UTF_8);
      if (u.length != n) {
        return false;
      }
      int start = len;
      ensure(n);
      int from = 0;
      for (int i = 0; i < n; i++) {
        byte c = u[i];
        if ((ESCAPED[c] & context) != 0) {
          bytes(u, from, i - from);
          String ref = reference((char) c);
          ensure(ref.length() + (long) (n - i));
          for (int k = 0; k < ref.length(); k++) {
            buf[len++] = (byte) ref.charAt(k);
          }
          from = i + 1;
        } else if (c == '?' && s.charAt(i) != '?') {
          len = start;
          return false;
        }
      }
      bytes(u, from, n - from);
      return true;
    }

    private void bytes(byte[] b, int off, int n) {
      ensure(n);
      System.arraycopy(b, off, buf, len, n);
      len += n;
    }

    private void escapedChars(String s, int context) {
      int n = s.length();
      ensure(3L * n);
      if (chars.length < n) {
        chars = new char[Math.max(n, chars.length * 2)];
      }
      char[] cs = chars;
      s.getChars(0, n, cs, 0);
      byte[] b = buf;
      int p = len;
      for (int i = 0; i < n; i++) {
        char c = cs[i];
        if (c < 0x80) {
          if ((ESCAPED[c] & context) == 0) {
            b[p++] = (byte) c;
            continue;
          }
          len = p;
          String ref = reference(c);
          // A reference is at most 6 bytes for 1 char: re-establish the 3-bytes-per-char reserve.
          ensure(ref.length() + 3L * (n - i));
          b = buf;
          p = len;
          for (int k = 0; k < ref.length(); k++) {
            b[p++] = (byte) ref.charAt(k);
          }
        } else if (c < 0x800) {
          b[p++] = (byte) (0xC0 | (c >> 6));
          b[p++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c) && i + 1 < n) {
          int cp = Character.toCodePoint(c, cs[++i]);
          b[p++] = (byte) (0xF0 | (cp >> 18));
          b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          b[p++] = (byte) (0x80 | (cp & 0x3F));
        } else {
          b[p++] = (byte) (0xE0 | (c >> 12));
          b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
          b[p++] = (byte) (0x80 | (c & 0x3F));
        }
      }
      len = p;
    }

    /** Names and fixed markup: encoded, never escaped. */
    void str(String s) {
      escaped(s, 0);
    }
  }
}
