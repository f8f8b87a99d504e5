package org.parley.endpoint;

import org.parley.core.fault.ParleyFault;
import org.parley.security.VerifiedMessage;
import org.w3c.dom.Document;

/**
 * Protects a secured endpoint's response for the peer whose request was verified (for example with
 * the WS-Security engine's outbound protector, encrypting for the certificate that signed the
 * request).
 */
@FunctionalInterface
public interface ResponseProtection {
  /**
   * Protects {@code response} (which may be changed in place) and returns the bytes to send.
   *
   * @param request the verified request this response answers
   */
  byte[] protect(Document response, VerifiedMessage request) throws ParleyFault;
}
