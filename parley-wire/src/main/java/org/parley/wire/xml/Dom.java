package org.parley.wire.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.w3c.dom.Document;
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

  /**
   * Imports {@code e} (deep) into {@code target} and declares, on the copy, every namespace prefix
   * it uses but does not declare itself, so the copy means the same wherever it is inserted (in a
   * context without a default namespace). Use it for elements taken from another document, whose
   * declarations may have lived on ancestors that are not copied.
   */
  public static Element importSelfContained(Document target, Element e) {
    Element copy = (Element) target.importNode(e, true);
    java.util.Map<String, String> scope = new java.util.HashMap<>();
    scope.put("", "");
    scope.put("xml", javax.xml.XMLConstants.XML_NS_URI);
    declareUsed(copy, scope);
    return copy;
  }

  private static void declareUsed(Element e, java.util.Map<String, String> parentScope) {
    java.util.Map<String, String> scope = new java.util.HashMap<>(parentScope);
    org.w3c.dom.NamedNodeMap attrs = e.getAttributes();
    for (int i = 0; i < attrs.getLength(); i++) {
      org.w3c.dom.Attr a = (org.w3c.dom.Attr) attrs.item(i);
      if (javax.xml.XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
        scope.put("xmlns".equals(a.getNodeName()) ? "" : a.getLocalName(), a.getValue());
      }
    }
    bind(e, e.getPrefix(), e.getNamespaceURI(), scope);
    for (int i = 0; i < attrs.getLength(); i++) {
      org.w3c.dom.Attr a = (org.w3c.dom.Attr) attrs.item(i);
      if (a.getNamespaceURI() != null
          && a.getPrefix() != null
          && !javax.xml.XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
        bind(e, a.getPrefix(), a.getNamespaceURI(), scope);
      }
    }
    for (Element c = firstChildElement(e); c != null; c = nextSiblingElement(c)) {
      declareUsed(c, scope);
    }
  }

  private static void bind(
      Element e, String prefix, String namespace, java.util.Map<String, String> scope) {
    String p = prefix == null ? "" : prefix;
    String ns = namespace == null ? "" : namespace;
    if (!ns.equals(scope.get(p))) {
      e.setAttributeNS(
          javax.xml.XMLConstants.XMLNS_ATTRIBUTE_NS_URI, p.isEmpty() ? "xmlns" : "xmlns:" + p, ns);
      scope.put(p, ns);
    }
  }
}
