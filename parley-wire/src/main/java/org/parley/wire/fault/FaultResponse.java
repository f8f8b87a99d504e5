package org.parley.wire.fault;

import org.parley.core.fault.FaultCode;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;

/**
 * A SOAP fault ready to send: the envelope and what the HTTP binding needs around it. Made only by
 * {@link SoapFaultWriter}.
 */
public final class FaultResponse {
  private final SoapVersion soapVersion;
  private final FaultCode code;
  private final Document document;
  private final int httpStatus;
  private final String action;
  private final String incidentId;

  FaultResponse(
      SoapVersion soapVersion,
      FaultCode code,
      Document document,
      int httpStatus,
      String action,
      String incidentId) {
    this.soapVersion = soapVersion;
    this.code = code;
    this.document = document;
    this.httpStatus = httpStatus;
    this.action = action;
    this.incidentId = incidentId;
  }

  public SoapVersion soapVersion() {
    return soapVersion;
  }

  /** The fault code sent (SOAP_RECEIVER for anything that was not a ParleyFault). */
  public FaultCode code() {
    return code;
  }

  /** The fault envelope; callers may add a security header before writing it. */
  public Document document() {
    return document;
  }

  /** The envelope as UTF-8 bytes. */
  public byte[] toBytes() {
    return XmlWriter.toBytes(document);
  }

  /** The HTTP status to send it with (see {@link SoapFaultWriter}). */
  public int httpStatus() {
    return httpStatus;
  }

  /** The WS-Addressing action of the fault, or null when the exchange uses no WS-Addressing. */
  public String action() {
    return action;
  }

  /** The HTTP Content-Type (SOAP 1.2 carries the action in it). */
  public String contentType() {
    return soapVersion.contentType(action);
  }

  /**
   * The incident id sent in the fault detail and logged with the cause, for an unexpected error;
   * null for a protocol fault.
   */
  public String incidentId() {
    return incidentId;
  }
}
