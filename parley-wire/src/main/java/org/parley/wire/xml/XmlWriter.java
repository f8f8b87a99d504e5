package org.parley.wire.xml;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.xml.XMLConstants;
import org.w3c.dom.Attr;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Writes a DOM tree as UTF-8 exactly as it stands: no pretty printing, no namespace fix-up (the
 * tree carries its {@code xmlns} attributes, as {@link HardenedXml} and Parley's builders make it),
 * so what was signed still verifies after a round trip.
 *
 * <p>A DOM does not remember attribute order (the JDK's Xerces keeps attributes sorted by qualified
 * name), so the writer puts namespace declarations first and then the other attributes, each group
 * in qualified-name order. That is the order Apache CXF/WSS4J and WCF write, so their messages come
 * out byte for byte as received; for any other sender only the order of attributes may differ,
 * which canonicalization (C14N 1.0 section 2.2, exc-c14n section 3) ignores anyway. Text and
 * attribute values are escaped as C14N escapes them, so a carriage return sent as {@code &#xD;}
 * survives instead of being normalised away by the next parser.
 *
 * <p>Output goes straight into UTF-8 bytes: this writer serializes every outbound message and every
 * part that gets encrypted, so it avoids the detour through a {@code StringBuilder} and a {@code
 * String}. An unpaired surrogate is written as {@code ?}, as {@link String#getBytes} would.
 */
public final class XmlWriter {
  private static final byte[] AMP = ascii("&amp;");
  private static final byte[] LT = ascii("&lt;");
  private static final byte[] GT = ascii("&gt;");
  private static final byte[] QUOT = ascii("&quot;");
  private static final byte[] TAB = ascii("&#x9;");
  private static final byte[] LF = ascii("&#xA;");
  private static final byte[] CR = ascii("&#xD;");

  /*
   * Per ASCII char: 0 = copy as is, 1 = escape in text, 2 = escape in attribute values, 3 = both.
   */
  private static final byte[] ESCAPE = new byte[128];

  static {
    ESCAPE['&'] = 3;
    ESCAPE['<'] = 3;
    ESCAPE['>'] = 1;
    ESCAPE['\r'] = 3;
    ESCAPE['"'] = 2;
    ESCAPE['\t'] = 2;
    ESCAPE['\n'] = 2;
  }

  private static final int IN_TEXT = 1;
  private static final int IN_ATTRIBUTE = 2;

  private byte[] buf;
  private int len;

  /** Each string's chars are copied here in bulk; indexing an array beats charAt per char. */
  private char[] chars = new char[256];

  /*
   * Each thread keeps its writer, so the output buffer is grown once and reused instead of being
   * allocated, zeroed and doubled for every message. Nothing in write() calls out of this class
   * except DOM getters, so a writer is never re-entered while in use.
   */
  private static final ThreadLocal<XmlWriter> WRITER =
      ThreadLocal.withInitial(() -> new XmlWriter(8192));

  /** Buffers beyond this size are dropped after use instead of staying pinned to the thread. */
  private static final int KEEP_BYTES = 1 << 20;

  private XmlWriter(int capacity) {
    buf = new byte[capacity];
  }

  private static XmlWriter writer() {
    XmlWriter w = WRITER.get();
    w.len = 0;
    return w;
  }

  private byte[] result() {
    byte[] out = Arrays.copyOf(buf, len);
    release();
    return out;
  }

  private void release() {
    if (buf.length > KEEP_BYTES) {
      buf = new byte[8192];
    }
    if (chars.length > KEEP_BYTES) {
      chars = new char[256];
    }
  }

  /** The node and its descendants as UTF-8, with no XML declaration. */
  public static byte[] toBytes(Node node) {
    XmlWriter w = writer();
    w.write(node);
    return w.result();
  }

  /**
   * The children of {@code parent} (not the parent's own tags) as UTF-8, as they stand inside it:
   * the content of an element to be encrypted with XML Encryption's Content type.
   */
  public static byte[] contentToBytes(Node parent) {
    XmlWriter w = writer();
    for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
      w.write(c);
    }
    return w.result();
  }

  /** The node and its descendants as a string. */
  public static String toString(Node node) {
    XmlWriter w = writer();
    w.write(node);
    String s = new String(w.buf, 0, w.len, StandardCharsets.UTF_8);
    w.release();
    return s;
  }

  private void write(Node node) {
    switch (node.getNodeType()) {
      case Node.DOCUMENT_NODE, Node.DOCUMENT_FRAGMENT_NODE -> {
        for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
          write(c);
        }
      }
      case Node.ELEMENT_NODE -> {
        String name = node.getNodeName();
        put('<');
        putRaw(name);
        NamedNodeMap attrs = node.getAttributes();
        int n = attrs.getLength();
        if (n > 0) {
          for (int i = 0; i < n; i++) {
            Attr a = (Attr) attrs.item(i);
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
              writeAttribute(a);
            }
          }
          for (int i = 0; i < n; i++) {
            Attr a = (Attr) attrs.item(i);
            if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
              writeAttribute(a);
            }
          }
        }
        Node child = node.getFirstChild();
        if (child == null) {
          put('/');
          put('>');
        } else {
          put('>');
          for (Node c = child; c != null; c = c.getNextSibling()) {
            write(c);
          }
          put('<');
          put('/');
          putRaw(name);
          put('>');
        }
      }
      case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> putEscaped(node.getNodeValue(), IN_TEXT);
      case Node.COMMENT_NODE -> {
        putRaw("<!--");
        putRaw(node.getNodeValue());
        putRaw("-->");
      }
      default -> {
        // processing instructions and DTD nodes never enter a Parley tree
      }
    }
  }

  private void writeAttribute(Attr a) {
    put(' ');
    putRaw(a.getNodeName());
    put('=');
    put('"');
    putEscaped(a.getValue(), IN_ATTRIBUTE);
    put('"');
  }

  private void put(char c) {
    if (len == buf.length) {
      grow(1L);
    }
    buf[len++] = (byte) c;
  }

  private void put(byte[] b) {
    if (len + b.length > buf.length) {
      grow((long) b.length);
    }
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
  }

  /** Strings shorter than this (most names) are cheaper to encode char by char. */
  private static final int BULK_MIN_CHARS = 16;

  /** Names and comments: written as they are, only encoded. */
  private void putRaw(String s) {
    putEscaped(s, 0);
  }

  /**
   * Encodes {@code s} as UTF-8, escaping the ASCII characters marked for {@code context}. Nearly
   * all of a SOAP message is ASCII (names, ids, URIs, base64), so that case is taken apart first:
   * the JDK encodes an ASCII string with one array copy, the bytes are scanned for what needs
   * escaping, and the runs between go over with {@code System.arraycopy}.
   */
  private void putEscaped(String s, int context) {
    int n = s.length();
    if (n < BULK_MIN_CHARS) {
      putEscapedChars(s, context);
      return;
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    if (utf8.length == n) {
      putAscii(utf8, context);
    } else {
      putEscapedChars(s, context);
    }
  }

  /** {@code ascii} holds only bytes below 0x80. */
  private void putAscii(byte[] ascii, int context) {
    int from = 0;
    if (context != 0) {
      for (int i = 0; i < ascii.length; i++) {
        if ((ESCAPE[ascii[i]] & context) != 0) {
          put(ascii, from, i - from);
          put(escapeFor((char) ascii[i]));
          from = i + 1;
        }
      }
    }
    put(ascii, from, ascii.length - from);
  }

  private void put(byte[] b, int off, int n) {
    if (len + n > buf.length) {
      grow((long) n);
    }
    System.arraycopy(b, off, buf, len, n);
    len += n;
  }

  /** The general case: any character, encoded one by one. */
  private void putEscapedChars(String s, int context) {
    int n = s.length();
    // Worst case 3 bytes per char (a surrogate pair is 4 bytes for 2 chars); escapes are handled
    // with their own capacity checks.
    if (len + 3L * n > buf.length) {
      grow(3L * n);
    }
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
        if ((ESCAPE[c] & context) == 0) {
          b[p++] = (byte) c;
          continue;
        }
        len = p;
        put(escapeFor(c));
        // put() may have replaced the buffer; the 3-bytes-per-char reserve is re-established.
        if (len + 3L * (n - i) > buf.length) {
          grow(3L * (n - i));
        }
        b = buf;
        p = len;
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(cs[i + 1])) {
        int cp = Character.toCodePoint(c, cs[++i]);
        b[p++] = (byte) (0xF0 | (cp >> 18));
        b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        b[p++] = '?'; // unpaired: what String.getBytes(UTF_8) writes
      } else {
        b[p++] = (byte) (0xE0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    len = p;
  }

  private static byte[] escapeFor(char c) {
    return switch (c) {
      case '&' -> AMP;
      case '<' -> LT;
      case '>' -> GT;
      case '"' -> QUOT;
      case '\t' -> TAB;
      case '\n' -> LF;
      default -> CR;
    };
  }

  private void grow(long needed) {
    long want = Math.max((long) buf.length * 2, len + needed);
    if (want > Integer.MAX_VALUE - 16) {
      want = len + needed;
      if (want > Integer.MAX_VALUE - 16) {
        throw new OutOfMemoryError("XML output larger than a byte array can hold");
      }
    }
    buf = Arrays.copyOf(buf, (int) want);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
