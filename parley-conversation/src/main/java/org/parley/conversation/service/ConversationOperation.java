package org.parley.conversation.service;

import org.parley.core.claims.ClaimsPrincipal;
import org.parley.core.fault.ParleyFault;
import org.w3c.dom.Element;

/**
 * One operation of a secure conversation service. Implementations are shared by every request and
 * must be thread-safe.
 */
@FunctionalInterface
public interface ConversationOperation {
  /**
   * Answers one application message.
   *
   * @param payload the verified, decrypted first child of the SOAP body
   * @param caller the identity that established the security context (its bootstrap certificate)
   * @return the response payload (copied into the response body)
   */
  Element handle(Element payload, ClaimsPrincipal caller) throws ParleyFault;
}
