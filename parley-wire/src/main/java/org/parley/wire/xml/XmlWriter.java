package org.parley.wire.xml;

import java.nio.charset.StandardCharsets;
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
 */
public final class XmlWriter {
  private XmlWriter() {}

  /** The node and its descendants as UTF-8, with no XML declaration. */
  public static byte[] toBytes(Node node) {
    StringBuilder sb = new StringBuilder(4096);
    write(node, sb);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The node and its descendants as a string. */
  public static String toString(Node node) {
    StringBuilder sb = new StringBuilder(4096);
    write(node, sb);
    return sb.toString();
  }

  private static void write(Node node, StringBuilder sb) {
    switch (node.getNodeType()) {
      case Node.DOCUMENT_NODE, Node.DOCUMENT_FRAGMENT_NODE -> {
        for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
          write(c, sb);
        }
      }
      case Node.ELEMENT_NODE -> {
        String name = node.getNodeName();
        sb.append('<').append(name);
        NamedNodeMap attrs = node.getAttributes();
        int n = attrs.getLength();
        for (int i = 0; i < n; i++) {
          Attr a = (Attr) attrs.item(i);
          if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
            writeAttribute(a, sb);
          }
        }
        for (int i = 0; i < n; i++) {
          Attr a = (Attr) attrs.item(i);
          if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
            writeAttribute(a, sb);
          }
        }
        Node child = node.getFirstChild();
        if (child == null) {
          sb.append("/>");
        } else {
          sb.append('>');
          for (Node c = child; c != null; c = c.getNextSibling()) {
            write(c, sb);
          }
          sb.append("</").append(name).append('>');
        }
      }
      case Node.TEXT_NODE -> escapeText(node.getNodeValue(), sb);
      case Node.CDATA_SECTION_NODE -> escapeText(node.getNodeValue(), sb);
      case Node.COMMENT_NODE -> sb.append("<!--").append(node.getNodeValue()).append("-->");
      default -> {
        // processing instructions and DTD nodes never enter a Parley tree
      }
    }
  }

  private static void writeAttribute(Attr a, StringBuilder sb) {
    sb.append(' ').append(a.getNodeName()).append("=\"");
    escapeAttribute(a.getValue(), sb);
    sb.append('"');
  }

  private static void escapeText(String s, StringBuilder sb) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '\r' -> sb.append("&#xD;");
        default -> sb.append(c);
      }
    }
  }

  private static void escapeAttribute(String s, StringBuilder sb) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '"' -> sb.append("&quot;");
        case '\t' -> sb.append("&#x9;");
        case '\n' -> sb.append("&#xA;");
        case '\r' -> sb.append("&#xD;");
        default -> sb.append(c);
      }
    }
  }
}
