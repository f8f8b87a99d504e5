package org.parley.endpoint;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.security.VerifiedMessage;
import org.parley.wire.addressing.AddressingHeaders;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.soap.SoapEnvelopeBuilder;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.xml.Dom;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * One SOAP request as an endpoint received it: a structurally valid envelope of the SOAP version
 * its HTTP content type announced, its WS-Addressing headers when it has them, and its action.
 * Built only through {@link #of}, which checks all three.
 */
public final class SoapRequest {
  private final SoapEnvelope envelope;
  private final AddressingHeaders addressing;
  private final String action;
  private final URI endpointAddress;
  private final VerifiedMessage verified;
  private final String clientAddress;

  private SoapRequest(
      SoapEnvelope envelope,
      AddressingHeaders addressing,
      String action,
      URI endpointAddress,
      VerifiedMessage verified,
      String clientAddress) {
    this.envelope = envelope;
    this.addressing = addressing;
    this.action = action;
    this.endpointAddress = endpointAddress;
    this.verified = verified;
    this.clientAddress = clientAddress;
  }

  /**
   * Checks {@code document} and settles the action: {@code wsa:Action} when present, else the HTTP
   * action.
   *
   * @param version the SOAP version the HTTP content type announced
   * @param httpAction the {@code SOAPAction} header or the {@code action} media type parameter;
   *     null when absent
   * @param endpointAddress the URL the request was sent to, or null when unknown
   * @throws ParleyFault {@code VersionMismatch} when the root is not an Envelope of {@code version}
   *     (SOAP 1.2 part 1 section 5.4.7), {@code Sender} for a malformed envelope, malformed
   *     addressing headers, or actions that disagree
   */
  public static SoapRequest of(
      SoapVersion version, Document document, String httpAction, URI endpointAddress)
      throws ParleyFault {
    Objects.requireNonNull(version, "version");
    SoapEnvelope envelope = SoapEnvelope.of(Objects.requireNonNull(document, "document"));
    if (envelope.version() != version) {
      throw new ParleyFault(
          FaultCode.SOAP_VERSION_MISMATCH,
          "a " + envelope.version() + " envelope was sent with the content type of " + version);
    }
    AddressingHeaders addressing = AddressingHeaders.read(envelope).orElse(null);
    String http = httpAction == null || httpAction.isEmpty() ? null : httpAction;
    String wsaAction = addressing == null ? null : addressing.action();
    // WS-Addressing 1.0 SOAP binding section 6.4.1 (ActionMismatch): when the HTTP binding carries
    // an action too, both must be the same.
    if (wsaAction != null && http != null && !wsaAction.equals(http)) {
      throw new ParleyFault(
          FaultCode.SOAP_SENDER,
          "wsa:Action '" + wsaAction + "' does not match the HTTP action '" + http + "'");
    }
    return new SoapRequest(
        envelope, addressing, wsaAction != null ? wsaAction : http, endpointAddress, null, null);
  }

  /**
   * The request as the WS-Security engine verified it: the decrypted envelope, read again, with the
   * verification result attached. Built by the binding that ran the engine; public so that a
   * binding in another package can, and safe because only the engine can make a {@link
   * org.parley.security.VerifiedMessage}.
   */
  public static SoapRequest verified(
      SoapVersion version, VerifiedMessage verified, String httpAction, URI endpointAddress)
      throws ParleyFault {
    SoapRequest r = of(version, verified.document(), httpAction, endpointAddress);
    return new SoapRequest(r.envelope, r.addressing, r.action, endpointAddress, verified, null);
  }

  /**
   * This request as received from {@code clientAddress}, the transport's peer address (an IP
   * literal), which an endpoint may use to rate-limit per client. Set by the binding.
   */
  public SoapRequest withClientAddress(String clientAddress) {
    Objects.requireNonNull(clientAddress, "clientAddress");
    return new SoapRequest(envelope, addressing, action, endpointAddress, verified, clientAddress);
  }

  /** The transport's peer address, when the binding knows it. */
  public Optional<String> clientAddress() {
    return Optional.ofNullable(clientAddress);
  }

  /**
   * What the WS-Security engine verified (who signed which elements, what was encrypted, the
   * timestamp) when the endpoint is secured; empty on an unsecured endpoint.
   */
  public Optional<VerifiedMessage> verified() {
    return Optional.ofNullable(verified);
  }

  public SoapVersion version() {
    return envelope.version();
  }

  /** The checked envelope as received. */
  public SoapEnvelope envelope() {
    return envelope;
  }

  /** The request's WS-Addressing headers, when it has them. */
  public Optional<AddressingHeaders> addressing() {
    return Optional.ofNullable(addressing);
  }

  /** The action ({@code wsa:Action}, else the HTTP one), or null when the message has none. */
  public String action() {
    return action;
  }

  /** The URL the request was addressed to, or null when unknown. */
  public URI endpointAddress() {
    return endpointAddress;
  }

  /** The first child element of the body (the operation's payload), or null for an empty body. */
  public Element payload() {
    return envelope.bodyPayload();
  }

  /** The payload, refusing an empty body with a {@code Sender} fault. */
  public Element requirePayload() throws ParleyFault {
    Element p = payload();
    if (p == null) {
      throw new ParleyFault(FaultCode.SOAP_SENDER, "the SOAP Body is empty");
    }
    return p;
  }

  /** A response envelope of the request's version whose body holds a copy of {@code payload}. */
  public Document reply(Element payload) {
    return replyBuilder(null, payload).build().document();
  }

  /**
   * A response envelope like {@link #reply(Element)}; when the request used WS-Addressing, it
   * carries the reply's headers (WS-Addressing 1.0 Core section 3.4): {@code wsa:Action} {@code
   * replyAction}, a new {@code wsa:MessageID}, {@code wsa:RelatesTo} the request's message id and
   * {@code wsa:To} its ReplyTo (anonymous when absent).
   */
  public Document reply(String replyAction, Element payload) {
    Objects.requireNonNull(replyAction, "replyAction");
    return replyBuilder(replyAction, payload).build().document();
  }

  /**
   * A builder for a response envelope holding the reply's addressing headers (when {@code
   * replyAction} is set and the request used WS-Addressing) and a copy of {@code payload}, for
   * handlers that add headers of their own before building it.
   */
  public SoapEnvelopeBuilder replyBuilder(String replyAction, Element payload) {
    SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(version());
    if (replyAction != null && addressing != null) {
      addressing.reply(replyAction, "urn:uuid:" + UUID.randomUUID()).writeTo(b);
    }
    if (payload != null) {
      b.addBodyContent(Dom.importSelfContained(b.document(), payload));
    }
    return b;
  }
}
