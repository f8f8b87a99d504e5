package org.parley.web.internal;

/**
 * Bytes that passed the seal check (or never reached it) do not parse as what they claim to be. The
 * message names the rule or limit that failed; it never contains the offending bytes.
 */
public final class MalformedException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedException(String message) {
    super(message, null, false, false);
  }
}
