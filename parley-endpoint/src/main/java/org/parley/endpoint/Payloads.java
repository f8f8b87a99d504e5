package org.parley.endpoint;

import java.util.Objects;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.HardenedXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Small helpers to build and read document/literal payloads without string concatenation: every
 * value becomes a text node, so nothing a caller passes can change the XML's structure.
 */
public final class Payloads {
  private static final String PREFIX = "p";

  private Payloads() {}

  /**
   * A new element {@code {namespace}localName} holding {@code content} in order: each {@link
   * Element} is copied in as a child, anything else becomes text ({@link String#valueOf}).
   */
  public static Element element(String namespace, String localName, Object... content) {
    Objects.requireNonNull(localName, "localName");
    Document doc = HardenedXml.newEmptyDocument();
    boolean namespaced = namespace != null && !namespace.isEmpty();
    Element e =
        namespaced
            ? doc.createElementNS(namespace, PREFIX + ":" + localName)
            : doc.createElementNS(null, localName);
    if (namespaced) {
      e.setAttributeNS(Ns.XMLNS, "xmlns:" + PREFIX, namespace);
    }
    doc.appendChild(e);
    for (Object c : content) {
      if (c instanceof Element child) {
        e.appendChild(Dom.importSelfContained(doc, child));
      } else {
        e.appendChild(doc.createTextNode(String.valueOf(c)));
      }
    }
    return e;
  }

  /** The trimmed text of the child {@code {namespace}localName} of {@code parent}, or null. */
  public static String childText(Element parent, String namespace, String localName) {
    if (parent == null) {
      return null;
    }
    Element child = Dom.child(parent, namespace, localName);
    return child == null ? null : Dom.text(child);
  }

  /**
   * Like {@link #childText} but a missing child is the peer's mistake: a {@code Sender} fault
   * naming the element.
   */
  public static String requireChildText(Element parent, String namespace, String localName)
      throws ParleyFault {
    String text = childText(parent, namespace, localName);
    if (text == null) {
      throw new ParleyFault(
          FaultCode.SOAP_SENDER, "missing element {" + namespace + "}" + localName);
    }
    return text;
  }
}
