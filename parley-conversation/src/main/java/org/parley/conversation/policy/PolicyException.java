package org.parley.conversation.policy;

/**
 * A WS-Policy document Parley cannot use: malformed, beyond a {@link PolicyLimits} bound, or asking
 * for an assertion Parley does not support (the message names it). Raised while configuring an
 * endpoint or a client from a WSDL, never while processing a message.
 */
public final class PolicyException extends Exception {
  private static final long serialVersionUID = 1L;

  public PolicyException(String message) {
    super(message);
  }
}
