package org.parley.http;

import java.net.URI;
import java.util.Objects;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.http.internal.Envelopes;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * One SOAP request as an endpoint received it: a structurally valid envelope, its SOAP version and
 * its action. Built only through {@link #of}, which checks the envelope and the action.
 */
public final class SoapRequest {
  private final SoapVersion version;
  private final Document envelope;
  private final String action;
  private final String addressingNamespace;
  private final String messageId;
  private final URI endpointAddress;

  private SoapRequest(
      SoapVersion version,
      Document envelope,
      String action,
      String addressingNamespace,
      String messageId,
      URI endpointAddress) {
    this.version = version;
    this.envelope = envelope;
    this.action = action;
    this.addressingNamespace = addressingNamespace;
    this.messageId = messageId;
    this.endpointAddress = endpointAddress;
  }

  /**
   * Checks {@code envelope} (SOAP 1.2 part 1 section 5 / SOAP 1.1 section 4) and settles the
   * action: the {@code wsa:Action} header when present, else the HTTP action.
   *
   * @param httpAction the {@code SOAPAction} header or the {@code action} media type parameter;
   *     null or empty when absent
   * @throws ParleyFault {@code Sender} for a malformed envelope or conflicting actions, {@code
   *     VersionMismatch} for an envelope of the other SOAP version
   */
  public static SoapRequest of(
      SoapVersion version, Document envelope, String httpAction, URI endpointAddress)
      throws ParleyFault {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(envelope, "envelope");
    Envelopes.validate(envelope, version);
    Element header = Envelopes.header(envelope, version, false);
    String wsa = Envelopes.addressingNamespace(header);
    String wsaAction = Envelopes.addressingHeader(header, wsa, "Action");
    String messageId = Envelopes.addressingHeader(header, wsa, "MessageID");
    String http = httpAction == null || httpAction.isEmpty() ? null : httpAction;
    // WS-Addressing 1.0 SOAP binding section 4: when both are present they must be equal
    // (else wsa:ActionMismatch).
    if (wsaAction != null && http != null && !wsaAction.equals(http)) {
      throw new ParleyFault(
          FaultCode.SOAP_SENDER,
          "wsa:Action '" + wsaAction + "' does not match the HTTP action '" + http + "'");
    }
    String action = wsaAction != null ? wsaAction : http;
    return new SoapRequest(version, envelope, action, wsa, messageId, endpointAddress);
  }

  public SoapVersion version() {
    return version;
  }

  /** The whole envelope as received. */
  public Document envelope() {
    return envelope;
  }

  /** The action ({@code wsa:Action}, else the HTTP one), or null when the message has none. */
  public String action() {
    return action;
  }

  /** The WS-Addressing namespace the request used (1.0 or 2004/08), or null. */
  public String addressingNamespace() {
    return addressingNamespace;
  }

  /** The request's {@code wsa:MessageID}, or null. */
  public String messageId() {
    return messageId;
  }

  /** The URL the request was addressed to, or null when unknown. */
  public URI endpointAddress() {
    return endpointAddress;
  }

  /** The {@code Header} element, or null. */
  public Element header() {
    return Envelopes.header(envelope, version, false);
  }

  /** The {@code Body} element. */
  public Element body() {
    return Envelopes.body(envelope, version);
  }

  /** The first child element of the body (the operation's payload), or null for an empty body. */
  public Element payload() {
    return Dom.firstChildElement(body());
  }

  /** The payload, refusing an empty body with a {@code Sender} fault. */
  public Element requirePayload() throws ParleyFault {
    Element p = payload();
    if (p == null) {
      throw new ParleyFault(FaultCode.SOAP_SENDER, "the SOAP Body is empty");
    }
    return p;
  }

  /** A response envelope of the request's version whose body is a copy of {@code payload}. */
  public Document reply(Element payload) {
    return Envelopes.wrap(version, payload);
  }

  /**
   * A response envelope like {@link #reply(Element)}; when the request used WS-Addressing, it
   * carries {@code wsa:Action} {@code replyAction}, a new {@code wsa:MessageID}, {@code
   * wsa:RelatesTo} the request's message id and {@code wsa:To} anonymous (WS-Addressing 1.0 core
   * section 3.4, replying to an anonymous {@code ReplyTo}).
   */
  public Document reply(String replyAction, Element payload) {
    Objects.requireNonNull(replyAction, "replyAction");
    Document doc = Envelopes.wrap(version, payload);
    if (addressingNamespace != null) {
      String to =
          Ns.WSA10.equals(addressingNamespace)
              ? Envelopes.WSA10_ANONYMOUS
              : "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous";
      Envelopes.addAddressing(doc, version, addressingNamespace, replyAction, to, messageId, false);
    }
    return doc;
  }
}
