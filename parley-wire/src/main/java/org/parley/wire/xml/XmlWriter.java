package org.parley.wire.xml;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.w3c.dom.Attr;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Writes a DOM tree as UTF-8 exactly as it stands: no pretty printing, no namespace fix-up (the
 * tree carries its {@code xmlns} attributes, as {@link HardenedXml} and Parley's builders make it),
 * so bytes that were signed stay byte-identical after a round trip.
 */
public final class XmlWriter {
  private XmlWriter() {}

  /** The node and its descendants as UTF-8, with no XML declaration. */
  public static byte[] toBytes(Node node) {
    StringBuilder sb = new StringBuilder(4096);
    write(node, sb);
    ByteArrayOutputStream out = new ByteArrayOutputStream(sb.length() + 16);
    byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
    out.write(b, 0, b.length);
    return out.toByteArray();
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
        for (int i = 0, n = attrs.getLength(); i < n; i++) {
          Attr a = (Attr) attrs.item(i);
          sb.append(' ').append(a.getNodeName()).append("=\"");
          escapeAttribute(a.getValue(), sb);
          sb.append('"');
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
