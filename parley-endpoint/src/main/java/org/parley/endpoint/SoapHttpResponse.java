package org.parley.endpoint;

/**
 * An HTTP response to a SOAP request: status, content type and body bytes as received (bounded by
 * the client's {@code maxResponseBytes}). Immutable.
 */
public final class SoapHttpResponse {
  private final int status;
  private final String contentType;
  private final byte[] body;

  SoapHttpResponse(int status, String contentType, byte[] body) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
  }

  public int status() {
    return status;
  }

  /** The Content-Type header, or null. */
  public String contentType() {
    return contentType;
  }

  /** A copy of the body. */
  public byte[] body() {
    return body.clone();
  }

  public int bodyLength() {
    return body.length;
  }

  byte[] bodyNoCopy() {
    return body;
  }

  @Override
  public String toString() {
    return "SoapHttpResponse[status=" + status + ", " + body.length + " bytes]";
  }
}
