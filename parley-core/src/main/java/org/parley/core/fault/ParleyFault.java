package org.parley.core.fault;

import java.util.Objects;

/**
 * A protocol fault: carries the fault code the peer will see and a detail for the local log. The
 * detail never contains key material or token values; the SOAP fault sent to a peer carries only
 * the code's reason, never the detail or a stack trace (see the binding's one fault writer).
 */
public class ParleyFault extends Exception {
  private static final long serialVersionUID = 1L;

  private final FaultCode code;

  public ParleyFault(FaultCode code, String detail) {
    super(detail);
    this.code = Objects.requireNonNull(code, "code");
  }

  public ParleyFault(FaultCode code, String detail, Throwable cause) {
    super(detail, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public FaultCode code() {
    return code;
  }
}
