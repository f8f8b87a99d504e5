package org.parley.web.internal;

import java.util.Objects;
import org.parley.web.SessionEvent.Reason;

/**
 * Session cookies were refused for {@link #reason()}. Control flow only, never shown to a client:
 * no stack trace is captured and the message is the reason's name.
 */
public final class Rejected extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Reason reason;

  public Rejected(Reason reason) {
    super(reason.name(), null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
