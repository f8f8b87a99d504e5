package org.parley.wire.addressing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.HardenedXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * An endpoint reference (WS-Addressing 1.0 Core section 2): an address and the reference parameters
 * a reply to it must echo as header blocks. Immutable: reference parameters are held as detached
 * deep copies and handed out as fresh copies.
 */
public final class EndpointReference {
  private final String address;
  private final List<Element> referenceParameters;

  private EndpointReference(String address, List<Element> referenceParameters) {
    this.address = address;
    this.referenceParameters = referenceParameters;
  }

  /** An endpoint reference with an address only. */
  public static EndpointReference of(String address) {
    return new EndpointReference(requireAddress(address), List.of());
  }

  /**
   * An endpoint reference with reference parameters, copied into a private document with the
   * namespace declarations they use (which may have lived on ancestors that are not copied).
   */
  public static EndpointReference of(String address, List<Element> referenceParameters) {
    List<Element> copies = new ArrayList<>(referenceParameters.size());
    Document own = referenceParameters.isEmpty() ? null : HardenedXml.newEmptyDocument();
    for (Element e : referenceParameters) {
      copies.add(Dom.importSelfContained(own, e));
    }
    return new EndpointReference(requireAddress(address), List.copyOf(copies));
  }

  private static String requireAddress(String address) {
    Objects.requireNonNull(address, "address");
    if (address.isEmpty()) {
      throw new IllegalArgumentException("an endpoint reference needs a non-empty address");
    }
    return address;
  }

  public String address() {
    return address;
  }

  /** Copies of the reference parameters, in order, each declaring the namespaces it uses. */
  public List<Element> referenceParameters() {
    List<Element> out = new ArrayList<>(referenceParameters.size());
    for (Element e : referenceParameters) {
      out.add((Element) e.cloneNode(true));
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EndpointReference other
        && address.equals(other.address)
        && referenceParameters.size() == other.referenceParameters.size()
        && sameParameters(other);
  }

  private boolean sameParameters(EndpointReference other) {
    for (int i = 0; i < referenceParameters.size(); i++) {
      if (!referenceParameters.get(i).isEqualNode(other.referenceParameters.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return address.hashCode() * 31 + referenceParameters.size();
  }

  @Override
  public String toString() {
    return "EndpointReference[" + address + ", " + referenceParameters.size() + " parameters]";
  }
}
