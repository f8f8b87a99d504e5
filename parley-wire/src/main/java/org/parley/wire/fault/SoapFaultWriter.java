package org.parley.wire.fault;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.Ns;
import org.parley.wire.addressing.AddressingHeaders;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.soap.SoapEnvelopeBuilder;
import org.parley.wire.soap.SoapVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * The one place where Parley turns an exception into a SOAP fault.
 *
 * <ul>
 *   <li>A {@link ParleyFault} keeps its {@link FaultCode}; anything else becomes {@code
 *       SOAP_RECEIVER} with an incident id that is logged here with the cause and sent in the fault
 *       detail, so an operator can match a client's report to the log.
 *   <li>The reason is always the code's fixed text ({@link FaultCode#defaultReason()}): never the
 *       exception's message, never a stack trace, never anything the exception carries.
 *   <li>SOAP 1.2 (part 1 section 5.4): {@code env:Code/env:Value} is Sender or Receiver and {@code
 *       env:Subcode/env:Value} the specific wsse:/wst:/wsc: code; {@code env:Reason/env:Text
 *       xml:lang="en"}.
 *   <li>SOAP 1.1 (section 4.4): {@code faultcode} is the specific code itself, as WSS 1.1 SOAP
 *       Message Security section 12 prescribes for wsse codes; {@code faultstring} the reason.
 * </ul>
 *
 * Thread-safe and immutable; build one and share it.
 */
public final class SoapFaultWriter {
  private static final Logger LOG = LoggerFactory.getLogger(SoapFaultWriter.class);

  /** Namespace of Parley's own fault detail (the incident id). */
  public static final String PARLEY_FAULT_NS = "urn:parley:fault";

  /** At most this many NotUnderstood headers are listed; the rest are a client's problem. */
  static final int MAX_NOT_UNDERSTOOD_LISTED = 16;

  private final Supplier<String> incidentIds;

  private SoapFaultWriter(Supplier<String> incidentIds) {
    this.incidentIds = incidentIds;
  }

  /** A writer whose incident ids are random UUIDs. */
  public static SoapFaultWriter create() {
    return new SoapFaultWriter(() -> UUID.randomUUID().toString());
  }

  /** A writer with its own incident-id source (tests, or ids that match a tracing system). */
  public static SoapFaultWriter create(Supplier<String> incidentIds) {
    return new SoapFaultWriter(Objects.requireNonNull(incidentIds, "incidentIds"));
  }

  /** The fault for {@code error} without WS-Addressing headers. */
  public FaultResponse write(Throwable error, SoapVersion soap, ProtocolNamespaces protocols) {
    return write(error, soap, protocols, null, null);
  }

  /**
   * The fault for {@code error}.
   *
   * @param request the request's addressing headers, or null: when present the fault is addressed
   *     to its FaultTo/ReplyTo, relates to its MessageID and carries the version's fault action
   * @param faultMessageId the fault's own wsa:MessageID, or null for none
   */
  public FaultResponse write(
      Throwable error,
      SoapVersion soap,
      ProtocolNamespaces protocols,
      AddressingHeaders request,
      String faultMessageId) {
    Objects.requireNonNull(soap, "soap");
    Objects.requireNonNull(protocols, "protocols");
    FaultCode code;
    String incidentId = null;
    if (error instanceof ParleyFault pf) {
      code = pf.code();
      // The detail is for our log only; it was written never to hold secrets.
      LOG.debug("sending fault {}: {}", code, pf.getMessage());
    } else {
      code = FaultCode.SOAP_RECEIVER;
      incidentId = incidentIds.get();
      LOG.error("incident {}: unexpected error, sent as a Receiver fault", incidentId, error);
    }

    if (error instanceof SequenceFault sf) {
      protocols = protocols.withRmNamespace(sf.rmNamespace());
    }
    SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(soap);
    String action = null;
    if (request != null) {
      AddressingHeaders fault = request.faultReply(faultMessageId);
      action = fault.action();
      fault.writeTo(b);
    }
    if (code.family() == FaultCode.Family.RM) {
      b.addHeaderBlock(sequenceFaultHeader(b, code, error, protocols));
    }
    if (soap == SoapVersion.SOAP_12) {
      soap12Headers(b, code, error);
      b.addBodyContent(soap12Fault(b, code, protocols, incidentId));
    } else {
      b.addBodyContent(soap11Fault(b, code, protocols, incidentId));
    }
    return new FaultResponse(
        soap, code, b.build().document(), httpStatus(soap, code), action, incidentId);
  }

  /**
   * The HTTP status of a fault. SOAP 1.2 part 2 section 7.5.2.2 (table 23; read by the requester
   * per section 7.5.1.2): a Sender fault is 400 Bad Request, every other fault 500. SOAP 1.1
   * section 6.2: "In case of a SOAP error while processing the request, the SOAP HTTP server MUST
   * issue an HTTP 500".
   */
  public static int httpStatus(SoapVersion soap, FaultCode code) {
    if (soap == SoapVersion.SOAP_12 && topLevel(code) == TopLevel.SENDER) {
      return 400;
    }
    return 500;
  }

  /** The QName of the specific code: wsse:, wst: or wsc: as the exchange's versions say. */
  public static QName qname(FaultCode code, SoapVersion soap, ProtocolNamespaces protocols) {
    return switch (code.family()) {
      case WSSE -> new QName(Ns.WSSE, code.localName(), "wsse");
      case TRUST -> new QName(protocols.trustNamespace(), code.localName(), "wst");
      case SC -> new QName(protocols.scNamespace(), code.localName(), "wsc");
      case RM -> new QName(protocols.rmNamespace(), code.localName(), "wsrm");
      case SOAP ->
          switch (topLevel(code)) {
            case SENDER -> soap.senderFaultCode();
            case RECEIVER -> soap.receiverFaultCode();
            case VERSION_MISMATCH -> soap.versionMismatchFaultCode();
            case MUST_UNDERSTAND -> soap.mustUnderstandFaultCode();
          };
    };
  }

  enum TopLevel {
    SENDER,
    RECEIVER,
    VERSION_MISMATCH,
    MUST_UNDERSTAND
  }

  static TopLevel topLevel(FaultCode code) {
    return switch (code) {
      case SOAP_VERSION_MISMATCH -> TopLevel.VERSION_MISMATCH;
      case SOAP_MUST_UNDERSTAND -> TopLevel.MUST_UNDERSTAND;
      default -> code.isReceiverFault() ? TopLevel.RECEIVER : TopLevel.SENDER;
    };
  }

  private static void soap12Headers(SoapEnvelopeBuilder b, FaultCode code, Throwable error) {
    String env = Ns.SOAP12;
    if (code == FaultCode.SOAP_VERSION_MISMATCH) {
      // SOAP 1.2 part 1 section 5.4.7: a VersionMismatch fault SHOULD carry env:Upgrade.
      Element upgrade = b.document().createElementNS(env, prefix(b) + ":Upgrade");
      int i = 0;
      for (SoapVersion v : new SoapVersion[] {SoapVersion.SOAP_12, SoapVersion.SOAP_11}) {
        Element s = b.document().createElementNS(env, prefix(b) + ":SupportedEnvelope");
        String p = "v" + i++;
        s.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:" + p, v.namespace());
        s.setAttributeNS(null, "qname", p + ":Envelope");
        upgrade.appendChild(s);
      }
      b.addHeaderBlock(upgrade);
    }
    if (error instanceof NotUnderstoodFault nu) {
      // SOAP 1.2 part 1 section 5.4.8: one env:NotUnderstood per header block not understood.
      List<QName> names = nu.notUnderstood();
      for (int i = 0; i < names.size() && i < MAX_NOT_UNDERSTOOD_LISTED; i++) {
        QName q = names.get(i);
        Element n = b.document().createElementNS(env, prefix(b) + ":NotUnderstood");
        n.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:nu", q.getNamespaceURI());
        n.setAttributeNS(null, "qname", "nu:" + q.getLocalPart());
        b.addHeaderBlock(n);
      }
    }
  }

  private static Element soap12Fault(
      SoapEnvelopeBuilder b, FaultCode code, ProtocolNamespaces protocols, String incidentId) {
    String env = Ns.SOAP12;
    String p = prefix(b);
    Element fault = b.document().createElementNS(env, p + ":Fault");
    Element codeEl = child(b, fault, env, p + ":Code");
    QName specific = qname(code, SoapVersion.SOAP_12, protocols);
    if (code.family() == FaultCode.Family.SOAP) {
      text(b, child(b, codeEl, env, p + ":Value"), p + ":" + specific.getLocalPart());
    } else {
      QName top =
          topLevel(code) == TopLevel.RECEIVER
              ? SoapVersion.SOAP_12.receiverFaultCode()
              : SoapVersion.SOAP_12.senderFaultCode();
      text(b, child(b, codeEl, env, p + ":Value"), p + ":" + top.getLocalPart());
      Element sub = child(b, codeEl, env, p + ":Subcode");
      qnameValue(b, child(b, sub, env, p + ":Value"), specific);
    }
    Element reason = child(b, fault, env, p + ":Reason");
    Element t = child(b, reason, env, p + ":Text");
    t.setAttributeNS(XMLConstants.XML_NS_URI, "xml:lang", "en");
    text(b, t, code.defaultReason());
    if (incidentId != null) {
      incident(b, child(b, fault, env, p + ":Detail"), incidentId);
    }
    return fault;
  }

  private static Element soap11Fault(
      SoapEnvelopeBuilder b, FaultCode code, ProtocolNamespaces protocols, String incidentId) {
    String p = prefix(b);
    Element fault = b.document().createElementNS(Ns.SOAP11, p + ":Fault");
    QName specific = qname(code, SoapVersion.SOAP_11, protocols);
    Element faultcode = child(b, fault, null, "faultcode");
    if (code.family() == FaultCode.Family.SOAP) {
      text(b, faultcode, p + ":" + specific.getLocalPart());
    } else {
      qnameValue(b, faultcode, specific);
    }
    Element faultstring = child(b, fault, null, "faultstring");
    faultstring.setAttributeNS(XMLConstants.XML_NS_URI, "xml:lang", "en");
    text(b, faultstring, code.defaultReason());
    if (incidentId != null) {
      incident(b, child(b, fault, null, "detail"), incidentId);
    }
    return fault;
  }

  /**
   * WS-RM 1.2 section 4 (and Feb 2005 section 4): an RM fault also travels in a {@code
   * wsrm:SequenceFault} header block, so intermediaries and one-way exchanges see it.
   */
  private static Element sequenceFaultHeader(
      SoapEnvelopeBuilder b, FaultCode code, Throwable error, ProtocolNamespaces protocols) {
    String ns = protocols.rmNamespace();
    Element header = b.element(ns, "wsrm", "SequenceFault");
    Element fc = child(b, header, ns, "wsrm:FaultCode");
    text(b, fc, "wsrm:" + code.localName());
    if (error instanceof SequenceFault sf && sf.identifier().isPresent()) {
      Element detail = child(b, header, ns, "wsrm:Detail");
      text(b, child(b, detail, ns, "wsrm:Identifier"), sf.identifier().get());
    }
    return header;
  }

  private static void incident(SoapEnvelopeBuilder b, Element detail, String incidentId) {
    Element id = b.element(PARLEY_FAULT_NS, "p", "IncidentId");
    text(b, id, incidentId);
    detail.appendChild(id);
  }

  /** A QName as element text, with its prefix declared on that element. */
  private static void qnameValue(SoapEnvelopeBuilder b, Element e, QName q) {
    e.setAttributeNS(
        XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:" + q.getPrefix(), q.getNamespaceURI());
    text(b, e, q.getPrefix() + ":" + q.getLocalPart());
  }

  private static Element child(SoapEnvelopeBuilder b, Element parent, String ns, String qname) {
    Element e = b.document().createElementNS(ns, qname);
    parent.appendChild(e);
    return e;
  }

  private static void text(SoapEnvelopeBuilder b, Element e, String s) {
    e.appendChild(b.document().createTextNode(s));
  }

  private static String prefix(SoapEnvelopeBuilder b) {
    return b.body().getPrefix();
  }
}
