package org.parley.wire.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Small, allocation-light helpers for walking namespace-aware DOM trees. */
public final class Dom {
  private Dom() {}

  /**
   * True when {@code node} is an element with this namespace and local name; {@code null} and ""
   * both mean "no namespace" (DOM reports null, callers often write "").
   */
  public static boolean is(Node node, String namespace, String localName) {
    return node != null
        && node.getNodeType() == Node.ELEMENT_NODE
        && localName.equals(node.getLocalName())
        && Objects.equals(
            namespace == null || namespace.isEmpty() ? null : namespace, node.getNamespaceURI());
  }

  /** The first child element, or null. */
  public static Element firstChildElement(Node parent) {
    for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c.getNodeType() == Node.ELEMENT_NODE) {
        return (Element) c;
      }
    }
    return null;
  }

  /** The next sibling element, or null. */
  public static Element nextSiblingElement(Node node) {
    for (Node c = node.getNextSibling(); c != null; c = c.getNextSibling()) {
      if (c.getNodeType() == Node.ELEMENT_NODE) {
        return (Element) c;
      }
    }
    return null;
  }

  /** The first child element with this name, or null. */
  public static Element child(Node parent, String namespace, String localName) {
    for (Element c = firstChildElement(parent); c != null; c = nextSiblingElement(c)) {
      if (is(c, namespace, localName)) {
        return c;
      }
    }
    return null;
  }

  /** Every child element with this name, in document order. */
  public static List<Element> children(Node parent, String namespace, String localName) {
    List<Element> out = new ArrayList<>(2);
    for (Element c = firstChildElement(parent); c != null; c = nextSiblingElement(c)) {
      if (is(c, namespace, localName)) {
        out.add(c);
      }
    }
    return out;
  }

  /** Every child element, in document order. */
  public static List<Element> childElements(Node parent) {
    List<Element> out = new ArrayList<>(4);
    for (Element c = firstChildElement(parent); c != null; c = nextSiblingElement(c)) {
      out.add(c);
    }
    return out;
  }

  /** The concatenated text children of {@code e} (not descendants' text), trimmed. */
  public static String text(Element e) {
    StringBuilder sb = null;
    String single = null;
    for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
      short t = c.getNodeType();
      if (t == Node.TEXT_NODE || t == Node.CDATA_SECTION_NODE) {
        if (single == null && sb == null) {
          single = c.getNodeValue();
        } else {
          if (sb == null) {
            sb = new StringBuilder(single);
          }
          sb.append(c.getNodeValue());
        }
      }
    }
    String s = sb != null ? sb.toString() : single;
    return s == null ? "" : s.trim();
  }

  /** An attribute's value, or null when absent (DOM returns "" for absent attributes). */
  public static String attribute(Element e, String namespace, String localName) {
    return e.hasAttributeNS(namespace, localName) ? e.getAttributeNS(namespace, localName) : null;
  }
}
