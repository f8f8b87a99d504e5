package org.parley.core.store;

import org.parley.core.fault.FaultCode;

/**
 * A shared store could not be reached or did not answer within its timeout: the one exception every
 * store backend throws for an outage, whichever store and operation. It says nothing about the
 * entry asked for (which may or may not exist), so callers must not treat it as "absent": a replay
 * cache that cannot answer has not seen "first", and a session that cannot be read is not "signed
 * out". Callers turn it into a temporary failure: {@link #faultCode()} for a SOAP peer (WS-Security
 * and SOAP 1.2 section 5.4.6: the receiver failed, retrying later may succeed), or HTTP 503 with
 * Retry-After for a browser.
 *
 * <p>The message names the store and the operation, never a key, token or secret.
 */
public final class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreUnavailableException(String message) {
    super(message);
  }

  /** The fault a SOAP peer is sent: the receiver failed, the message may be retried later. */
  public FaultCode faultCode() {
    return FaultCode.SOAP_RECEIVER;
  }
}
