package org.parley.wire.addressing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.xml.XMLConstants;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.soap.SoapEnvelopeBuilder;
import org.parley.wire.xml.Dom;
import org.w3c.dom.Element;

/**
 * The WS-Addressing message addressing properties of one message (WS-Addressing 1.0 Core section 3,
 * SOAP Binding section 2; 2004/08 submission section 3):
 *
 * <pre>
 * &lt;wsa:To&gt;?  &lt;wsa:Action&gt;  &lt;wsa:MessageID&gt;?  &lt;wsa:RelatesTo RelationshipType=".."&gt;*
 * &lt;wsa:ReplyTo&gt;?  &lt;wsa:FaultTo&gt;?  &lt;wsa:From&gt;?         (each an endpoint reference)
 * </pre>
 *
 * Immutable; build with {@link #newBuilder(AddressingVersion)}, read with {@link
 * #read(SoapEnvelope)}, write with {@link #writeTo}.
 */
public final class AddressingHeaders {
  private final AddressingVersion version;
  private final String to;
  private final List<Element> toParameters;
  private final String action;
  private final String messageId;
  private final List<RelatesTo> relatesTo;
  private final EndpointReference replyTo;
  private final EndpointReference faultTo;
  private final EndpointReference from;

  private AddressingHeaders(Builder b) {
    this.version = b.version;
    this.to = b.to;
    this.toParameters = b.toParameters;
    this.action = b.action;
    this.messageId = b.messageId;
    this.relatesTo = List.copyOf(b.relatesTo);
    this.replyTo = b.replyTo;
    this.faultTo = b.faultTo;
    this.from = b.from;
  }

  public static Builder newBuilder(AddressingVersion version) {
    return new Builder(Objects.requireNonNull(version, "version"));
  }

  public AddressingVersion version() {
    return version;
  }

  /** {@code wsa:To}, or null when absent (WS-Addressing 1.0 then means the anonymous address). */
  public String to() {
    return to;
  }

  /** {@code wsa:Action}; never null. */
  public String action() {
    return action;
  }

  /** {@code wsa:MessageID}, or null. */
  public String messageId() {
    return messageId;
  }

  public List<RelatesTo> relatesTo() {
    return relatesTo;
  }

  /** The message id this message replies to, or null. */
  public String repliesTo() {
    for (RelatesTo r : relatesTo) {
      if (r.isReply()) {
        return r.messageId();
      }
    }
    return null;
  }

  /** {@code wsa:ReplyTo}, or null. */
  public EndpointReference replyTo() {
    return replyTo;
  }

  /** {@code wsa:FaultTo}, or null. */
  public EndpointReference faultTo() {
    return faultTo;
  }

  /** {@code wsa:From}, or null. */
  public EndpointReference from() {
    return from;
  }

  /**
   * Headers for the reply to this message: To is the ReplyTo address (anonymous when absent, Core
   * section 3.4), its reference parameters are echoed, RelatesTo is this MessageID.
   */
  public AddressingHeaders reply(String replyAction, String replyMessageId) {
    return replyVia(replyTo, replyAction, replyMessageId);
  }

  /**
   * Headers for a fault answering this message: sent to FaultTo, else ReplyTo (Core section 3.4),
   * with the version's fault action.
   */
  public AddressingHeaders faultReply(String faultMessageId) {
    return replyVia(faultTo != null ? faultTo : replyTo, version.soapFaultAction(), faultMessageId);
  }

  private AddressingHeaders replyVia(EndpointReference dest, String a, String id) {
    Builder b = newBuilder(version).action(a);
    if (id != null) {
      b.messageId(id);
    }
    b.destination(dest != null ? dest : EndpointReference.of(version.anonymousUri()));
    if (messageId != null) {
      b.relatesTo(RelatesTo.reply(messageId));
    }
    return b.build();
  }

  // ---- reading ----

  /**
   * Reads the addressing headers addressed to this node, or empty when the message has none.
   *
   * @throws ParleyFault {@code Sender} when a single-valued header repeats (WS-Addressing 1.0 SOAP
   *     Binding section 6.4.1, InvalidCardinality), when Action is missing (section 6.4.2,
   *     MessageAddressingHeaderRequired), when both versions appear, or when a header is malformed
   */
  public static Optional<AddressingHeaders> read(SoapEnvelope envelope) throws ParleyFault {
    AddressingVersion found = null;
    for (Element h : envelope.headerBlocks()) {
      AddressingVersion v = AddressingVersion.forNamespace(h.getNamespaceURI());
      if (v != null && envelope.targetsUltimateReceiver(h)) {
        if (found != null && found != v) {
          throw invalid("headers of both WS-Addressing 1.0 and 2004/08 in one message");
        }
        found = v;
      }
    }
    return found == null ? Optional.empty() : Optional.of(read(envelope, found));
  }

  /** Reads the headers of one WS-Addressing version; see {@link #read(SoapEnvelope)}. */
  public static AddressingHeaders read(SoapEnvelope envelope, AddressingVersion version)
      throws ParleyFault {
    String ns = version.namespace();
    Element to = null;
    Element action = null;
    Element messageId = null;
    Element replyTo = null;
    Element faultTo = null;
    Element from = null;
    List<RelatesTo> relates = new ArrayList<>(1);
    for (Element h : envelope.headerBlocks()) {
      if (!ns.equals(h.getNamespaceURI()) || !envelope.targetsUltimateReceiver(h)) {
        continue;
      }
      switch (h.getLocalName()) {
        case "To" -> to = single(to, h);
        case "Action" -> action = single(action, h);
        case "MessageID" -> messageId = single(messageId, h);
        case "ReplyTo" -> replyTo = single(replyTo, h);
        case "FaultTo" -> faultTo = single(faultTo, h);
        case "From" -> from = single(from, h);
        case "RelatesTo" -> {
          RelatesTo r = new RelatesTo(uri(h), relationship(h, version));
          for (RelatesTo seen : relates) {
            if (Objects.equals(seen.relationshipType(), r.relationshipType())) {
              // Core section 3.1: at most one [relationship] per relationship type.
              throw invalid("two wsa:RelatesTo with the same RelationshipType");
            }
          }
          relates.add(r);
        }
        default -> {
          // other elements of the namespace are not message addressing headers
        }
      }
    }
    if (action == null) {
      throw invalid(
          "wsa:Action is required when WS-Addressing is used"
              + " (WS-Addressing 1.0 SOAP Binding section 6.4.2)");
    }
    Builder b = newBuilder(version).action(uri(action));
    if (to != null) {
      b.to(uri(to));
    }
    if (messageId != null) {
      b.messageId(uri(messageId));
    }
    if (replyTo != null) {
      b.replyTo(epr(replyTo, version));
    }
    if (faultTo != null) {
      b.faultTo(epr(faultTo, version));
    }
    if (from != null) {
      b.from(epr(from, version));
    }
    for (RelatesTo r : relates) {
      b.relatesTo(r);
    }
    return b.build();
  }

  private static Element single(Element seen, Element h) throws ParleyFault {
    if (seen != null) {
      throw invalid(
          "more than one wsa:"
              + h.getLocalName()
              + " header (WS-Addressing 1.0 SOAP Binding section 6.4.1, InvalidCardinality)");
    }
    return h;
  }

  /** A header whose content is one URI (xs:anyURI: surrounding whitespace collapses). */
  private static String uri(Element e) throws ParleyFault {
    if (Dom.firstChildElement(e) != null) {
      throw invalid("wsa:" + e.getLocalName() + " must contain text only");
    }
    String v = Dom.text(e);
    if (v.isEmpty()) {
      throw invalid("wsa:" + e.getLocalName() + " is empty");
    }
    return v;
  }

  private static String relationship(Element h, AddressingVersion version) throws ParleyFault {
    String t = Dom.attribute(h, null, "RelationshipType");
    if (t == null) {
      return null;
    }
    t = t.strip();
    if (version == AddressingVersion.WSA_10) {
      return t.equals(version.replyRelationship()) ? null : t;
    }
    // 2004/08: the attribute is a QName; wsa:Reply is the default.
    int colon = t.indexOf(':');
    String prefix = colon < 0 ? null : t.substring(0, colon);
    String local = t.substring(colon + 1);
    String ns = h.lookupNamespaceURI(prefix);
    if (ns == null && prefix != null) {
      throw invalid("RelationshipType uses an undeclared prefix");
    }
    if (version.namespace().equals(ns) && "Reply".equals(local)) {
      return null;
    }
    return "{" + (ns == null ? "" : ns) + "}" + local;
  }

  private static EndpointReference epr(Element e, AddressingVersion version) throws ParleyFault {
    String ns = version.namespace();
    Element address = null;
    List<Element> params = new ArrayList<>(0);
    boolean sawParameters = false;
    for (Element c = Dom.firstChildElement(e); c != null; c = Dom.nextSiblingElement(c)) {
      if (Dom.is(c, ns, "Address")) {
        address = single(address, c);
      } else if (Dom.is(c, ns, "ReferenceParameters")
          || (version == AddressingVersion.WSA_200408 && Dom.is(c, ns, "ReferenceProperties"))) {
        if (Dom.is(c, ns, "ReferenceParameters")) {
          if (sawParameters) {
            throw invalid("more than one wsa:ReferenceParameters");
          }
          sawParameters = true;
        }
        params.addAll(Dom.childElements(c));
      }
      // Metadata, PortType, ServiceName, Policy and extensions are not needed to reply.
    }
    if (address == null) {
      throw invalid("wsa:" + e.getLocalName() + " has no wsa:Address (Core section 2.2)");
    }
    return EndpointReference.of(uri(address), params);
  }

  private static ParleyFault invalid(String detail) {
    return new ParleyFault(FaultCode.SOAP_SENDER, detail);
  }

  // ---- writing ----

  /**
   * Writes the headers into {@code builder} without ids; see {@link #writeTo(SoapEnvelopeBuilder,
   * Supplier, boolean)}.
   */
  public List<Element> writeTo(SoapEnvelopeBuilder builder) {
    return writeTo(builder, null, false);
  }

  /**
   * Writes the headers into {@code builder}'s Header in the order Action, MessageID, To, ReplyTo,
   * FaultTo, From, RelatesTo, then the destination's reference parameters (marked {@code
   * wsa:IsReferenceParameter="true"} in 1.0, SOAP Binding section 3.1).
   *
   * @param wsuIds when not null, each header gets {@code wsu:Id} from it, so a signature can
   *     reference it
   * @param mustUnderstand marks Action and To {@code mustUnderstand}, as WCF does
   * @return the header elements written, in order
   */
  public List<Element> writeTo(
      SoapEnvelopeBuilder builder, Supplier<String> wsuIds, boolean mustUnderstand) {
    List<Element> out = new ArrayList<>(8);
    add(builder, out, wsuIds, textHeader(builder, "Action", action), mustUnderstand);
    if (messageId != null) {
      add(builder, out, wsuIds, textHeader(builder, "MessageID", messageId), false);
    }
    if (to != null) {
      add(builder, out, wsuIds, textHeader(builder, "To", to), mustUnderstand);
    }
    if (replyTo != null) {
      add(builder, out, wsuIds, eprHeader(builder, "ReplyTo", replyTo), false);
    }
    if (faultTo != null) {
      add(builder, out, wsuIds, eprHeader(builder, "FaultTo", faultTo), false);
    }
    if (from != null) {
      add(builder, out, wsuIds, eprHeader(builder, "From", from), false);
    }
    for (RelatesTo r : relatesTo) {
      Element e = textHeader(builder, "RelatesTo", r.messageId());
      if (!r.isReply()) {
        e.setAttributeNS(null, "RelationshipType", r.relationshipType());
      }
      add(builder, out, wsuIds, e, false);
    }
    for (Element p : toParameters) {
      Element copy = Dom.importSelfContained(builder.document(), p);
      if (version == AddressingVersion.WSA_10) {
        copy.setAttributeNS(
            XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:" + PREFIX, version.namespace());
        copy.setAttributeNS(version.namespace(), PREFIX + ":IsReferenceParameter", "true");
      }
      add(builder, out, wsuIds, copy, false);
    }
    return out;
  }

  private static final String PREFIX = "wsa";

  private static void add(
      SoapEnvelopeBuilder b,
      List<Element> out,
      Supplier<String> ids,
      Element e,
      boolean mustUnderstand) {
    if (ids != null) {
      b.setWsuId(e, ids.get());
    }
    b.addHeaderBlock(e, mustUnderstand);
    out.add(e);
  }

  private Element textHeader(SoapEnvelopeBuilder b, String name, String value) {
    Element e = b.element(version.namespace(), PREFIX, name);
    e.appendChild(b.document().createTextNode(value));
    return e;
  }

  private Element eprHeader(SoapEnvelopeBuilder b, String name, EndpointReference epr) {
    Element e = b.element(version.namespace(), PREFIX, name);
    Element address = b.document().createElementNS(version.namespace(), PREFIX + ":Address");
    address.appendChild(b.document().createTextNode(epr.address()));
    e.appendChild(address);
    List<Element> params = epr.referenceParameters();
    if (!params.isEmpty()) {
      Element rp =
          b.document().createElementNS(version.namespace(), PREFIX + ":ReferenceParameters");
      for (Element p : params) {
        rp.appendChild(Dom.importSelfContained(b.document(), p));
      }
      e.appendChild(rp);
    }
    return e;
  }

  @Override
  public String toString() {
    return "AddressingHeaders["
        + version
        + ", action="
        + action
        + ", to="
        + to
        + ", messageId="
        + messageId
        + ", relatesTo="
        + relatesTo
        + "]";
  }

  /** Builder; {@link #build()} requires an action. */
  public static final class Builder {
    private final AddressingVersion version;
    private String to;
    private List<Element> toParameters = List.of();
    private String action;
    private String messageId;
    private final List<RelatesTo> relatesTo = new ArrayList<>(1);
    private EndpointReference replyTo;
    private EndpointReference faultTo;
    private EndpointReference from;

    private Builder(AddressingVersion version) {
      this.version = version;
    }

    public Builder to(String to) {
      this.to = nonEmpty("to", to);
      this.toParameters = List.of();
      return this;
    }

    /** Address the message to an endpoint reference: its address and its reference parameters. */
    public Builder destination(EndpointReference epr) {
      this.to = epr.address();
      this.toParameters = List.copyOf(epr.referenceParameters());
      return this;
    }

    public Builder action(String action) {
      this.action = nonEmpty("action", action);
      return this;
    }

    public Builder messageId(String messageId) {
      this.messageId = nonEmpty("messageId", messageId);
      return this;
    }

    public Builder relatesTo(RelatesTo relatesTo) {
      for (RelatesTo r : this.relatesTo) {
        if (Objects.equals(r.relationshipType(), relatesTo.relationshipType())) {
          throw new IllegalArgumentException("one RelatesTo per relationship type");
        }
      }
      this.relatesTo.add(relatesTo);
      return this;
    }

    public Builder replyTo(EndpointReference replyTo) {
      this.replyTo = Objects.requireNonNull(replyTo, "replyTo");
      return this;
    }

    public Builder faultTo(EndpointReference faultTo) {
      this.faultTo = Objects.requireNonNull(faultTo, "faultTo");
      return this;
    }

    public Builder from(EndpointReference from) {
      this.from = Objects.requireNonNull(from, "from");
      return this;
    }

    public AddressingHeaders build() {
      if (action == null) {
        throw new IllegalStateException("wsa:Action is required (WS-Addressing 1.0 Core 3.1)");
      }
      return new AddressingHeaders(this);
    }

    private static String nonEmpty(String name, String v) {
      Objects.requireNonNull(v, name);
      if (v.isEmpty()) {
        throw new IllegalArgumentException(name + " must not be empty");
      }
      return v;
    }
  }
}
