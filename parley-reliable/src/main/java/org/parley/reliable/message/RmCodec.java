package org.parley.reliable.message;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.Ns;
import org.parley.wire.addressing.AddressingVersion;
import org.parley.wire.fault.SequenceFault;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.xml.Dom;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads and writes WS-ReliableMessaging 1.2 and February 2005 elements. Reading is strict and
 * bounded by {@link RmLimits}: unknown elements in the RM namespace, repeated singletons, bad
 * numbers and overlong values are refused; elements of other namespaces are skipped where the
 * schema has an {@code xs:any namespace="##other"} extension point. Immutable and thread-safe.
 */
public final class RmCodec {
  /** WS-SC 1.3 section 3 value type of a security context token reference. */
  public static final String SCT_VALUE_TYPE = Ns.WSC13 + "/sct";

  private static final String P = "wsrm";

  private final RmLimits limits;
  private final RmCompliance compliance;

  private RmCodec(RmLimits limits, RmCompliance compliance) {
    this.limits = limits;
    this.compliance = compliance;
  }

  /** A strict codec. */
  public static RmCodec create(RmLimits limits) {
    return create(limits, RmCompliance.STRICT);
  }

  /** A codec that tolerates the deviations {@code compliance} names, and no others. */
  public static RmCodec create(RmLimits limits, RmCompliance compliance) {
    return new RmCodec(
        Objects.requireNonNull(limits, "limits"), Objects.requireNonNull(compliance, "compliance"));
  }

  public RmLimits limits() {
    return limits;
  }

  // ---------------------------------------------------------------------------------------------
  // Writing: every element declares its namespace on itself, so it can be signed or moved.

  /**
   *
   *
   * <pre>
   * &lt;wsrm:CreateSequence&gt;
   *   &lt;wsrm:AcksTo&gt;&lt;wsa:Address&gt;..&lt;/wsa:Address&gt;&lt;/wsrm:AcksTo&gt;
   *   &lt;wsrm:Expires&gt;PT1H&lt;/wsrm:Expires&gt;?
   *   &lt;wsrm:Offer&gt;&lt;wsrm:Identifier/&gt;&lt;wsrm:Endpoint/&gt;(1.2)&lt;wsrm:Expires/&gt;?&lt;/wsrm:Offer&gt;?
   *   &lt;wsse:SecurityTokenReference&gt;&lt;wsse:Reference URI=".."/&gt;&lt;/..&gt;?  (1.2 section 5.2.1)
   * &lt;/wsrm:CreateSequence&gt;
   * </pre>
   */
  public Element write(Document doc, CreateSequence cs) {
    String ns = cs.version().namespace();
    Element root = root(doc, ns, "CreateSequence");
    root.appendChild(epr(doc, cs.version(), "AcksTo", cs.acksTo()));
    if (cs.expires() != null) {
      text(doc, root, ns, "Expires", cs.expires().toString());
    }
    if (cs.offer() != null) {
      CreateSequence.Offer o = cs.offer();
      Element offer = add(doc, root, ns, "Offer");
      text(doc, offer, ns, "Identifier", o.identifier());
      if (o.endpoint() != null) {
        offer.appendChild(epr(doc, o.version(), "Endpoint", o.endpoint()));
      }
      if (o.expires() != null) {
        text(doc, offer, ns, "Expires", o.expires().toString());
      }
    }
    if (cs.tokenReference() != null) {
      Element str = doc.createElementNS(Ns.WSSE, "wsse:SecurityTokenReference");
      str.setAttributeNS(Ns.XMLNS, "xmlns:wsse", Ns.WSSE);
      Element ref = doc.createElementNS(Ns.WSSE, "wsse:Reference");
      ref.setAttributeNS(null, "URI", cs.tokenReference());
      ref.setAttributeNS(null, "ValueType", SCT_VALUE_TYPE);
      str.appendChild(ref);
      root.appendChild(str);
    }
    return root;
  }

  public Element write(Document doc, CreateSequenceResponse r) {
    return write(doc, r, r.version().addressing());
  }

  /**
   * A CreateSequenceResponse whose Accept/AcksTo is a {@code eprVersion} endpoint reference (see
   * {@link RmCompliance.Deviation#FEB2005_WSA10_ENDPOINT_REFERENCES}).
   */
  public Element write(Document doc, CreateSequenceResponse r, AddressingVersion eprVersion) {
    String ns = r.version().namespace();
    Element root = root(doc, ns, "CreateSequenceResponse");
    text(doc, root, ns, "Identifier", r.identifier());
    if (r.expires() != null) {
      text(doc, root, ns, "Expires", r.expires().toString());
    }
    if (r.acceptAcksTo() != null) {
      Element accept = add(doc, root, ns, "Accept");
      accept.appendChild(epr(doc, r.version(), eprVersion, "AcksTo", r.acceptAcksTo()));
    }
    return root;
  }

  /** {@code wsrm:Sequence} (mark it mustUnderstand when adding it: WS-RM 1.2 section 3.7). */
  public Element write(Document doc, SequenceHeader s) {
    String ns = s.version().namespace();
    Element root = root(doc, ns, "Sequence");
    text(doc, root, ns, "Identifier", s.identifier());
    text(doc, root, ns, "MessageNumber", Long.toString(s.messageNumber()));
    if (s.lastMessage()) {
      add(doc, root, ns, "LastMessage");
    }
    return root;
  }

  public Element write(Document doc, SequenceAcknowledgement a) {
    String ns = a.version().namespace();
    Element root = root(doc, ns, "SequenceAcknowledgement");
    text(doc, root, ns, "Identifier", a.identifier());
    for (AckRange r : a.ranges()) {
      Element e = add(doc, root, ns, "AcknowledgementRange");
      e.setAttributeNS(null, "Upper", Long.toString(r.upper()));
      e.setAttributeNS(null, "Lower", Long.toString(r.lower()));
    }
    if (a.none()) {
      add(doc, root, ns, "None");
    }
    if (a.isFinal()) {
      add(doc, root, ns, "Final");
    }
    for (long n : a.nacks()) {
      text(doc, root, ns, "Nack", Long.toString(n));
    }
    return root;
  }

  public Element write(Document doc, SequenceControl c) {
    String ns = c.version().namespace();
    Element root = root(doc, ns, c.kind().localName());
    text(doc, root, ns, "Identifier", c.identifier());
    if (c.lastMsgNumber() != 0) {
      text(doc, root, ns, "LastMsgNumber", Long.toString(c.lastMsgNumber()));
    }
    return root;
  }

  /** The empty {@code wsrm:UsesSequenceSTR} header (WS-RM 1.2 section 5.2.1; mustUnderstand). */
  public Element writeUsesSequenceStr(Document doc, RmVersion version) {
    return root(doc, version.namespace(), "UsesSequenceSTR");
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  public CreateSequence readCreateSequence(Element e) throws ParleyFault {
    RmVersion v = versionOf(e, "CreateSequence");
    String ns = v.namespace();
    String acksTo = null;
    Duration expires = null;
    CreateSequence.Offer offer = null;
    String str = null;
    Set<String> seen = new HashSet<>();
    for (Element c = Dom.firstChildElement(e); c != null; c = Dom.nextSiblingElement(c)) {
      if (Dom.is(c, Ns.WSSE, "SecurityTokenReference")) {
        once(seen, "SecurityTokenReference");
        str = readTokenReference(c);
        continue;
      }
      if (!ns.equals(c.getNamespaceURI())) {
        continue; // xs:any ##other
      }
      switch (c.getLocalName()) {
        case "AcksTo" -> {
          once(seen, "AcksTo");
          acksTo = readEpr(c, v);
        }
        case "Expires" -> {
          once(seen, "Expires");
          expires = duration(c);
        }
        case "Offer" -> {
          once(seen, "Offer");
          offer = readOffer(c, v);
        }
        default -> throw unexpected(c);
      }
    }
    if (acksTo == null) {
      throw malformed("CreateSequence lacks AcksTo (WS-RM 1.2 section 3.4)");
    }
    return new CreateSequence(v, acksTo, expires, offer, str);
  }

  public CreateSequenceResponse readCreateSequenceResponse(Element e) throws ParleyFault {
    RmVersion v = versionOf(e, "CreateSequenceResponse");
    String ns = v.namespace();
    String id = null;
    Duration expires = null;
    String accept = null;
    Set<String> seen = new HashSet<>();
    for (Element c = Dom.firstChildElement(e); c != null; c = Dom.nextSiblingElement(c)) {
      if (!ns.equals(c.getNamespaceURI())) {
        continue;
      }
      switch (c.getLocalName()) {
        case "Identifier" -> {
          once(seen, "Identifier");
          id = identifier(c);
        }
        case "Expires" -> {
          once(seen, "Expires");
          expires = duration(c);
        }
        case "IncompleteSequenceBehavior" -> {
          once(seen, "IncompleteSequenceBehavior");
          if (v != RmVersion.WSRM_12) {
            throw unexpected(c);
          }
        }
        case "Accept" -> {
          once(seen, "Accept");
          Element acks = Dom.child(c, ns, "AcksTo");
          if (acks == null) {
            throw malformed("Accept lacks AcksTo (WS-RM 1.2 section 3.4)");
          }
          accept = readEpr(acks, v);
        }
        default -> throw unexpected(c);
      }
    }
    if (id == null) {
      throw malformed("CreateSequenceResponse lacks Identifier");
    }
    return new CreateSequenceResponse(v, id, expires, accept);
  }

  /** A CloseSequence, TerminateSequence, their responses or an AckRequested. */
  public SequenceControl readControl(Element e, SequenceControl.Kind kind) throws ParleyFault {
    RmVersion v = versionOf(e, kind.localName());
    String ns = v.namespace();
    String id = null;
    long last = 0;
    Set<String> seen = new HashSet<>();
    for (Element c = Dom.firstChildElement(e); c != null; c = Dom.nextSiblingElement(c)) {
      if (!ns.equals(c.getNamespaceURI())) {
        continue;
      }
      switch (c.getLocalName()) {
        case "Identifier" -> {
          once(seen, "Identifier");
          id = identifier(c);
        }
        case "LastMsgNumber" -> {
          once(seen, "LastMsgNumber");
          if (v != RmVersion.WSRM_12
              || (kind != SequenceControl.Kind.CLOSE && kind != SequenceControl.Kind.TERMINATE)) {
            throw unexpected(c);
          }
          last = messageNumber(Dom.text(c), v, id);
        }
        case "MessageNumber" -> {
          // Feb 2005 section 3.2: AckRequested may name the last message number sent; unused.
          once(seen, "MessageNumber");
          if (v != RmVersion.WSRM_200502 || kind != SequenceControl.Kind.ACK_REQUESTED) {
            throw unexpected(c);
          }
          messageNumber(Dom.text(c), v, id);
        }
        default -> throw unexpected(c);
      }
    }
    if (id == null) {
      throw malformed(kind.localName() + " lacks Identifier");
    }
    try {
      return new SequenceControl(kind, v, id, last);
    } catch (IllegalArgumentException ex) {
      throw malformed(ex.getMessage());
    }
  }

  /**
   * The RM header blocks of {@code envelope}.
   *
   * @throws ParleyFault {@code Sender} for a malformed or repeated header, more than {@code
   *     maxRmHeaders} of them, or headers of both RM versions; {@code wsrm:MessageNumberRollover}
   *     for a message number past 2^63-1; {@code wsrm:InvalidAcknowledgement} for overlapping
   *     ranges
   */
  public RmHeaders readHeaders(SoapEnvelope envelope) throws ParleyFault {
    SequenceHeader sequence = null;
    List<SequenceControl> ackRequested = new ArrayList<>(0);
    List<SequenceAcknowledgement> acks = new ArrayList<>(0);
    boolean usesStr = false;
    RmVersion version = null;
    for (Element h : envelope.headerBlocks()) {
      RmVersion v = RmVersion.forNamespace(h.getNamespaceURI());
      if (v == null) {
        continue;
      }
      if (version != null && v != version) {
        throw malformed("headers of two WS-RM versions in one message");
      }
      version = v;
      switch (h.getLocalName()) {
        case "Sequence" -> {
          if (sequence != null) {
            throw malformed("more than one wsrm:Sequence header (WS-RM 1.2 section 3.7)");
          }
          sequence = readSequence(h, v);
        }
        case "AckRequested" -> {
          countHeader(ackRequested.size() + acks.size());
          ackRequested.add(readControl(h, SequenceControl.Kind.ACK_REQUESTED));
        }
        case "SequenceAcknowledgement" -> {
          countHeader(ackRequested.size() + acks.size());
          acks.add(readAcknowledgement(h, v));
        }
        case "UsesSequenceSTR" -> {
          if (v != RmVersion.WSRM_12) {
            throw unexpected(h);
          }
          usesStr = true;
        }
        case "SequenceFault", "UsesSequenceSSL" -> {
          // a fault is read by the fault reader; SSL binding is not offered, so not expected
          if (h.getLocalName().equals("UsesSequenceSSL")) {
            throw malformed("wsrm:UsesSequenceSSL: sequences bound to TLS are not supported");
          }
        }
        default -> throw unexpected(h);
      }
    }
    return new RmHeaders(sequence, ackRequested, acks, usesStr);
  }

  private void countHeader(int count) throws ParleyFault {
    if (count >= limits.maxRmHeaders()) {
      throw malformed("more than maxRmHeaders=" + limits.maxRmHeaders() + " WS-RM headers");
    }
  }

  /**
   *
   *
   * <pre>
   * &lt;wsrm:Sequence&gt;&lt;wsrm:Identifier/&gt;&lt;wsrm:MessageNumber&gt;1..2^63-1&lt;/..&gt;&lt;wsrm:LastMessage/&gt;?(Feb 2005)&lt;/..&gt;
   * </pre>
   */
  private SequenceHeader readSequence(Element h, RmVersion v) throws ParleyFault {
    String ns = v.namespace();
    String id = null;
    String number = null;
    boolean last = false;
    Set<String> seen = new HashSet<>();
    for (Element c = Dom.firstChildElement(h); c != null; c = Dom.nextSiblingElement(c)) {
      if (!ns.equals(c.getNamespaceURI())) {
        continue;
      }
      switch (c.getLocalName()) {
        case "Identifier" -> {
          once(seen, "Identifier");
          id = identifier(c);
        }
        case "MessageNumber" -> {
          once(seen, "MessageNumber");
          number = Dom.text(c);
        }
        case "LastMessage" -> {
          once(seen, "LastMessage");
          if (v != RmVersion.WSRM_200502) {
            throw unexpected(c);
          }
          last = true;
        }
        default -> throw unexpected(c);
      }
    }
    if (id == null || number == null) {
      throw malformed("wsrm:Sequence needs Identifier and MessageNumber (WS-RM 1.2 section 3.7)");
    }
    return new SequenceHeader(v, id, messageNumber(number, v, id), last);
  }

  private SequenceAcknowledgement readAcknowledgement(Element h, RmVersion v) throws ParleyFault {
    String ns = v.namespace();
    String id = null;
    List<AckRange> ranges = new ArrayList<>(1);
    List<Long> nacks = new ArrayList<>(0);
    boolean none = false;
    boolean fin = false;
    for (Element c = Dom.firstChildElement(h); c != null; c = Dom.nextSiblingElement(c)) {
      if (!ns.equals(c.getNamespaceURI())) {
        continue;
      }
      switch (c.getLocalName()) {
        case "Identifier" -> {
          if (id != null) {
            throw malformed("SequenceAcknowledgement has two Identifiers");
          }
          id = identifier(c);
        }
        case "AcknowledgementRange" -> {
          if (ranges.size() == limits.maxAckRanges()) {
            throw malformed("more than maxAckRanges=" + limits.maxAckRanges() + " ranges");
          }
          long upper = messageNumber(attr(c, "Upper"), v, id);
          long lower = messageNumber(attr(c, "Lower"), v, id);
          if (lower > upper) {
            throw invalidAck(v, id, "AcknowledgementRange with Lower > Upper");
          }
          ranges.add(new AckRange(lower, upper));
        }
        case "Nack" -> {
          if (nacks.size() == limits.maxNacks()) {
            throw malformed("more than maxNacks=" + limits.maxNacks() + " Nacks");
          }
          nacks.add(messageNumber(Dom.text(c), v, id));
        }
        case "None" -> {
          if (v != RmVersion.WSRM_12 || none) {
            throw unexpected(c);
          }
          none = true;
        }
        case "Final" -> {
          if (v != RmVersion.WSRM_12 || fin) {
            throw unexpected(c);
          }
          fin = true;
        }
        default -> throw unexpected(c);
      }
    }
    if (id == null) {
      throw malformed("SequenceAcknowledgement lacks Identifier (WS-RM 1.2 section 3.9)");
    }
    if (none && !ranges.isEmpty() && compliance.allows(RmCompliance.Deviation.NONE_BESIDE_RANGES)) {
      none = false;
    }
    try {
      return new SequenceAcknowledgement(v, id, ranges, nacks, none, fin);
    } catch (IllegalArgumentException ex) {
      // WS-RM 1.2 section 4.4: an acknowledgement that breaks its invariants.
      throw invalidAck(v, id, ex.getMessage());
    }
  }

  private CreateSequence.Offer readOffer(Element e, RmVersion v) throws ParleyFault {
    String ns = v.namespace();
    String id = null;
    String endpoint = null;
    Duration expires = null;
    Set<String> seen = new HashSet<>();
    for (Element c = Dom.firstChildElement(e); c != null; c = Dom.nextSiblingElement(c)) {
      if (!ns.equals(c.getNamespaceURI())) {
        continue;
      }
      switch (c.getLocalName()) {
        case "Identifier" -> {
          once(seen, "Identifier");
          id = identifier(c);
        }
        case "Endpoint" -> {
          once(seen, "Endpoint");
          if (v != RmVersion.WSRM_12) {
            throw unexpected(c);
          }
          endpoint = readEpr(c, v);
        }
        case "Expires" -> {
          once(seen, "Expires");
          expires = duration(c);
        }
        case "IncompleteSequenceBehavior" -> {
          once(seen, "IncompleteSequenceBehavior");
          if (v != RmVersion.WSRM_12) {
            throw unexpected(c);
          }
        }
        default -> throw unexpected(c);
      }
    }
    if (id == null) {
      throw malformed("Offer lacks Identifier");
    }
    if (v == RmVersion.WSRM_12 && endpoint == null) {
      throw malformed("a WS-RM 1.2 Offer needs Endpoint (section 3.4)");
    }
    return new CreateSequence.Offer(v, id, endpoint, expires);
  }

  private String readTokenReference(Element str) throws ParleyFault {
    Element ref = Dom.child(str, Ns.WSSE, "Reference");
    if (ref == null || Dom.childElements(str).size() != 1) {
      throw malformed("the SecurityTokenReference in CreateSequence holds one wsse:Reference");
    }
    String uri = Dom.attribute(ref, null, "URI");
    if (uri == null || uri.isBlank() || uri.length() > limits.maxIdentifierChars() + 1) {
      throw malformed("wsse:Reference/@URI missing or longer than maxIdentifierChars");
    }
    return uri.strip();
  }

  private String readEpr(Element e, RmVersion v) throws ParleyFault {
    Element address = Dom.child(e, v.addressing().namespace(), "Address");
    if (address == null
        && v == RmVersion.WSRM_200502
        && compliance.allows(RmCompliance.Deviation.FEB2005_WSA10_ENDPOINT_REFERENCES)) {
      address = Dom.child(e, AddressingVersion.WSA_10.namespace(), "Address");
    }
    if (address == null) {
      throw malformed(
          e.getLocalName() + " is not a " + v.addressing() + " endpoint reference (no Address)");
    }
    String a = Dom.text(address);
    if (a.isEmpty() || a.length() > limits.maxAddressChars()) {
      throw malformed(
          e.getLocalName()
              + " address empty or longer than maxAddressChars="
              + limits.maxAddressChars());
    }
    return a;
  }

  private String identifier(Element c) throws ParleyFault {
    String id = Dom.text(c);
    if (id.length() > limits.maxIdentifierChars()) {
      throw malformed(
          "wsrm:Identifier longer than maxIdentifierChars=" + limits.maxIdentifierChars());
    }
    try {
      RmLimits.checkIdentifierShape(id);
    } catch (IllegalArgumentException ex) {
      throw malformed("wsrm:Identifier: " + ex.getMessage());
    }
    return id;
  }

  /**
   * An xs:unsignedLong message number in 1..2^63-1 (WS-RM 1.2 section 3.7: MessageNumber MUST NOT
   * exceed 9223372036854775807; past it is wsrm:MessageNumberRollover, section 4.5).
   */
  static long messageNumber(String s, RmVersion v, String id) throws ParleyFault {
    if (s == null || s.isEmpty() || s.length() > 20) {
      throw new ParleyFault(FaultCode.SOAP_SENDER, "message number missing or not a number");
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        throw new ParleyFault(FaultCode.SOAP_SENDER, "message number is not an unsigned integer");
      }
    }
    long n;
    try {
      n = Long.parseLong(s);
    } catch (NumberFormatException ex) {
      throw new SequenceFault(
          FaultCode.RM_MESSAGE_NUMBER_ROLLOVER, v.namespace(), id, "message number past 2^63-1");
    }
    if (n < 1) {
      throw new ParleyFault(FaultCode.SOAP_SENDER, "message numbers start at 1 (section 3.7)");
    }
    return n;
  }

  private static Duration duration(Element c) throws ParleyFault {
    String s = Dom.text(c);
    if (s.length() > 64) {
      throw malformed("Expires is too long");
    }
    try {
      Duration d = Duration.parse(s);
      if (d.isNegative()) {
        throw malformed("Expires is negative");
      }
      return d;
    } catch (DateTimeParseException ex) {
      // xs:duration also allows years and months; a lifetime that long is as good as none.
      if (s.matches("P(\\d{1,9}Y)?(\\d{1,9}M)?(\\d{1,9}D)?(T.*)?") && s.length() > 1) {
        return null;
      }
      throw malformed("Expires is not an xs:duration");
    }
  }

  private static String attr(Element e, String name) throws ParleyFault {
    String v = Dom.attribute(e, null, name);
    if (v == null) {
      throw malformed(e.getLocalName() + " lacks @" + name);
    }
    return v.strip();
  }

  private static RmVersion versionOf(Element e, String localName) throws ParleyFault {
    RmVersion v = e == null ? null : RmVersion.forNamespace(e.getNamespaceURI());
    if (v == null || !localName.equals(e.getLocalName())) {
      throw malformed("expected wsrm:" + localName);
    }
    return v;
  }

  private static void once(Set<String> seen, String name) throws ParleyFault {
    if (!seen.add(name)) {
      throw malformed("wsrm:" + name + " appears twice");
    }
  }

  private static ParleyFault unexpected(Node c) {
    return malformed(
        "unexpected element {" + c.getNamespaceURI() + "}" + c.getLocalName() + " in WS-RM");
  }

  private static ParleyFault invalidAck(RmVersion v, String id, String detail) {
    return new SequenceFault(FaultCode.RM_INVALID_ACKNOWLEDGEMENT, v.namespace(), id, detail);
  }

  static ParleyFault malformed(String detail) {
    return new ParleyFault(FaultCode.SOAP_SENDER, detail);
  }

  private static Element root(Document doc, String ns, String local) {
    Element e = doc.createElementNS(ns, P + ":" + local);
    e.setAttributeNS(Ns.XMLNS, "xmlns:" + P, ns);
    return e;
  }

  private static Element add(Document doc, Element parent, String ns, String local) {
    Element e = doc.createElementNS(ns, P + ":" + local);
    parent.appendChild(e);
    return e;
  }

  private static void text(Document doc, Element parent, String ns, String local, String value) {
    add(doc, parent, ns, local).appendChild(doc.createTextNode(value));
  }

  private static Element epr(Document doc, RmVersion v, String local, String address) {
    return epr(doc, v, v.addressing(), local, address);
  }

  private static Element epr(
      Document doc, RmVersion v, AddressingVersion eprVersion, String local, String address) {
    Element e = doc.createElementNS(v.namespace(), P + ":" + local);
    String wsa = eprVersion.namespace();
    Element a = doc.createElementNS(wsa, "wsa:Address");
    a.setAttributeNS(Ns.XMLNS, "xmlns:wsa", wsa);
    a.appendChild(doc.createTextNode(address));
    e.appendChild(a);
    return e;
  }
}
