package org.parley.wire.soap;

import java.util.Locale;
import javax.xml.namespace.QName;
import org.parley.wire.Ns;

/**
 * The two SOAP versions: their envelope namespace, HTTP media type, fault code names and the way
 * the action travels over HTTP.
 *
 * <pre>
 *              SOAP 1.1 (W3C note, section 6)         SOAP 1.2 (part 2, section 7 and RFC 3902)
 * media type   text/xml                               application/soap+xml
 * action       SOAPAction: "urn:act" header           application/soap+xml; action="urn:act"
 * faults       Client / Server / VersionMismatch /    Sender / Receiver / VersionMismatch /
 *              MustUnderstand                         MustUnderstand (+ env:Subcode)
 * </pre>
 */
public enum SoapVersion {
  SOAP_11(
      Ns.SOAP11,
      "text/xml",
      "Client",
      "Server",
      "actor",
      "http://schemas.xmlsoap.org/soap/actor/next",
      null,
      "1"),
  SOAP_12(
      Ns.SOAP12,
      "application/soap+xml",
      "Sender",
      "Receiver",
      "role",
      "http://www.w3.org/2003/05/soap-envelope/role/next",
      "http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver",
      "true");

  /** Longest Content-Type or SOAPAction value read; longer ones are refused as malformed. */
  static final int MAX_HEADER_CHARS = 4096;

  private final String namespace;
  private final String mediaType;
  private final QName sender;
  private final QName receiver;
  private final QName versionMismatch;
  private final QName mustUnderstandCode;
  private final String roleAttribute;
  private final String nextRole;
  private final String ultimateReceiverRole;
  private final String mustUnderstandTrue;

  SoapVersion(
      String namespace,
      String mediaType,
      String sender,
      String receiver,
      String roleAttribute,
      String nextRole,
      String ultimateReceiverRole,
      String mustUnderstandTrue) {
    this.namespace = namespace;
    this.mediaType = mediaType;
    this.sender = new QName(namespace, sender);
    this.receiver = new QName(namespace, receiver);
    this.versionMismatch = new QName(namespace, "VersionMismatch");
    this.mustUnderstandCode = new QName(namespace, "MustUnderstand");
    this.roleAttribute = roleAttribute;
    this.nextRole = nextRole;
    this.ultimateReceiverRole = ultimateReceiverRole;
    this.mustUnderstandTrue = mustUnderstandTrue;
  }

  /** The version whose envelope namespace this is, or null. */
  public static SoapVersion forNamespace(String namespace) {
    if (Ns.SOAP12.equals(namespace)) {
      return SOAP_12;
    }
    if (Ns.SOAP11.equals(namespace)) {
      return SOAP_11;
    }
    return null;
  }

  /**
   * The version an HTTP {@code Content-Type} announces ({@code text/xml} or {@code
   * application/soap+xml}, parameters ignored), or null for anything else.
   */
  public static SoapVersion forContentType(String contentType) {
    if (contentType == null || contentType.length() > MAX_HEADER_CHARS) {
      return null;
    }
    int semi = contentType.indexOf(';');
    String type =
        (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    for (SoapVersion v : values()) {
      if (v.mediaType.equals(type)) {
        return v;
      }
    }
    return null;
  }

  /** The envelope namespace. */
  public String namespace() {
    return namespace;
  }

  /** The HTTP media type without parameters. */
  public String mediaType() {
    return mediaType;
  }

  /**
   * The HTTP {@code Content-Type} for a message with this action (null for none): SOAP 1.2 carries
   * the action as the media type's {@code action} parameter (RFC 3902 section 3, SOAP 1.2 part 2
   * section 7.1.4); SOAP 1.1 sends it in the {@code SOAPAction} header instead.
   */
  public String contentType(String action) {
    String base = mediaType + "; charset=utf-8";
    if (this == SOAP_12 && action != null) {
      return base + "; action=\"" + quotable(action) + '"';
    }
    return base;
  }

  /**
   * The {@code SOAPAction} HTTP header value for this action (SOAP 1.1 section 6.1.1: a quoted URI,
   * {@code ""} for none), or null for SOAP 1.2, which does not use the header.
   */
  public String soapActionHeader(String action) {
    if (this == SOAP_12) {
      return null;
    }
    return '"' + (action == null ? "" : quotable(action)) + '"';
  }

  /**
   * The action an inbound HTTP request carries, or null when it carries none: the {@code action}
   * media-type parameter for SOAP 1.2, the {@code SOAPAction} header (quotes removed) for 1.1. An
   * empty action is reported as null.
   */
  public String actionFrom(String contentType, String soapActionHeader) {
    String raw;
    if (this == SOAP_12) {
      raw = contentType == null ? null : MediaTypeParameters.get(contentType, "action");
    } else {
      if (soapActionHeader == null || soapActionHeader.length() > MAX_HEADER_CHARS) {
        return null;
      }
      String v = soapActionHeader.trim();
      if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
        v = v.substring(1, v.length() - 1);
      }
      raw = v;
    }
    return raw == null || raw.isEmpty() ? null : raw;
  }

  /** {@code Client} (1.1) or {@code Sender} (1.2): the message was at fault. */
  public QName senderFaultCode() {
    return sender;
  }

  /** {@code Server} (1.1) or {@code Receiver} (1.2): the processing node was at fault. */
  public QName receiverFaultCode() {
    return receiver;
  }

  /** {@code VersionMismatch}: the root was not an Envelope of this version. */
  public QName versionMismatchFaultCode() {
    return versionMismatch;
  }

  /** {@code MustUnderstand}: a mandatory header block was not understood. */
  public QName mustUnderstandFaultCode() {
    return mustUnderstandCode;
  }

  /** The header-block attribute naming its target: {@code actor} (1.1) or {@code role} (1.2). */
  public String roleAttribute() {
    return roleAttribute;
  }

  /** The "next" role/actor URI, which every node plays. */
  public String nextRole() {
    return nextRole;
  }

  /** SOAP 1.2's ultimate-receiver role URI; null for SOAP 1.1, which has none. */
  public String ultimateReceiverRole() {
    return ultimateReceiverRole;
  }

  /** The value Parley writes for a true {@code mustUnderstand}: "1" (1.1) or "true" (1.2). */
  public String mustUnderstandTrue() {
    return mustUnderstandTrue;
  }

  private static String quotable(String action) {
    for (int i = 0; i < action.length(); i++) {
      char c = action.charAt(i);
      if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
        throw new IllegalArgumentException(
            "an action travels in an HTTP header: it must be printable ASCII without quotes");
      }
    }
    return action;
  }
}
