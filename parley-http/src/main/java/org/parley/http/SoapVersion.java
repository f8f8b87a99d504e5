package org.parley.http;

import org.parley.wire.Ns;

/** The two SOAP versions and how each one travels over HTTP. */
public enum SoapVersion {
  /** SOAP 1.1 (W3C Note): {@code text/xml}, the action in the {@code SOAPAction} header. */
  SOAP_11(Ns.SOAP11, "text/xml"),
  /** SOAP 1.2 (W3C Recommendation): {@code application/soap+xml; action="..."} (RFC 3902). */
  SOAP_12(Ns.SOAP12, "application/soap+xml");

  private final String envelopeNamespace;
  private final String mediaType;

  SoapVersion(String envelopeNamespace, String mediaType) {
    this.envelopeNamespace = envelopeNamespace;
    this.mediaType = mediaType;
  }

  /** The namespace of {@code Envelope}, {@code Header}, {@code Body} and {@code Fault}. */
  public String envelopeNamespace() {
    return envelopeNamespace;
  }

  /** The HTTP media type without parameters, e.g. {@code application/soap+xml}. */
  public String mediaType() {
    return mediaType;
  }

  /** The version whose envelope namespace this is, or null. */
  public static SoapVersion forEnvelopeNamespace(String namespace) {
    for (SoapVersion v : values()) {
      if (v.envelopeNamespace.equals(namespace)) {
        return v;
      }
    }
    return null;
  }
}
