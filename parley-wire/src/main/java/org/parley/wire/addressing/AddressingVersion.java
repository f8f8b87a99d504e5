package org.parley.wire.addressing;

import org.parley.wire.Ns;

/**
 * WS-Addressing 1.0 (W3C Recommendation, 2006) and the 2004/08 member submission that WCF still
 * speaks as {@code WSAddressingAugust2004}.
 */
public enum AddressingVersion {
  /** WS-Addressing 1.0 Core and SOAP Binding. */
  WSA_10(
      Ns.WSA10,
      "http://www.w3.org/2005/08/addressing/anonymous",
      "http://www.w3.org/2005/08/addressing/none",
      "http://www.w3.org/2005/08/addressing/reply",
      "http://www.w3.org/2005/08/addressing/fault",
      "http://www.w3.org/2005/08/addressing/soap/fault"),
  /** WS-Addressing member submission, August 2004. */
  WSA_200408(
      Ns.WSA200408,
      "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous",
      null,
      null,
      "http://schemas.xmlsoap.org/ws/2004/08/addressing/fault",
      "http://schemas.xmlsoap.org/ws/2004/08/addressing/fault");

  private final String namespace;
  private final String anonymous;
  private final String none;
  private final String replyRelationship;
  private final String addressingFaultAction;
  private final String soapFaultAction;

  AddressingVersion(
      String namespace,
      String anonymous,
      String none,
      String replyRelationship,
      String addressingFaultAction,
      String soapFaultAction) {
    this.namespace = namespace;
    this.anonymous = anonymous;
    this.none = none;
    this.replyRelationship = replyRelationship;
    this.addressingFaultAction = addressingFaultAction;
    this.soapFaultAction = soapFaultAction;
  }

  /** The version with this namespace, or null. */
  public static AddressingVersion forNamespace(String namespace) {
    for (AddressingVersion v : values()) {
      if (v.namespace.equals(namespace)) {
        return v;
      }
    }
    return null;
  }

  public String namespace() {
    return namespace;
  }

  /**
   * The anonymous address: "reply on the back-channel" (WS-Addressing 1.0 Core section 2.1; the
   * 2004/08 submission section 2.1 uses {@code .../role/anonymous}).
   */
  public String anonymousUri() {
    return anonymous;
  }

  /** WS-Addressing 1.0's "none" address (discard replies); null for 2004/08, which has none. */
  public String noneUri() {
    return none;
  }

  /**
   * The default RelationshipType IRI of RelatesTo (1.0 Core section 3.1); null for 2004/08, whose
   * default is the QName {@code wsa:Reply}.
   */
  public String replyRelationship() {
    return replyRelationship;
  }

  /** The action of faults defined by WS-Addressing itself (1.0 SOAP Binding section 6). */
  public String addressingFaultAction() {
    return addressingFaultAction;
  }

  /**
   * The action Parley puts on every other fault it sends: {@code .../addressing/soap/fault} for 1.0
   * (SOAP Binding section 6, used for SOAP-defined faults and, as WCF does, for security faults),
   * {@code .../2004/08/addressing/fault} for the submission (section 4).
   */
  public String soapFaultAction() {
    return soapFaultAction;
  }

  /** True when {@code address} is this version's anonymous address. */
  public boolean isAnonymous(String address) {
    return anonymous.equals(address);
  }
}
