package org.parley.endpoint;

import org.parley.core.fault.ParleyFault;
import org.w3c.dom.Document;

/**
 * Answers one SOAP request with a response envelope. Implementations are shared by every request of
 * an endpoint and so must be thread-safe.
 *
 * <p>A handler reports the peer's mistakes by throwing {@link ParleyFault} with the protocol's
 * fault code; the endpoint turns it (and any unexpected exception) into a SOAP fault. Its detail
 * text is logged locally and never sent.
 */
@FunctionalInterface
public interface SoapHandler {
  /**
   * Handles {@code request}.
   *
   * @return the response envelope, of the request's SOAP version; or null for a one-way message
   *     (answered with HTTP 202 and no body)
   */
  Document handle(SoapRequest request) throws ParleyFault;
}
