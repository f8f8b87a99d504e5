package org.parley.endpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.w3c.dom.Document;

/**
 * A handler that dispatches on the request's action (WS-Addressing {@code wsa:Action}, else the
 * HTTP action). A request whose action names no operation is refused with a {@code Sender} fault
 * (WS-Addressing 1.0 SOAP binding section 6.4.1.6, {@code wsa:ActionNotSupported}).
 */
public final class SoapOperations implements SoapHandler {
  private final Map<String, SoapHandler> byAction;

  private SoapOperations(Map<String, SoapHandler> byAction) {
    this.byAction = Map.copyOf(byAction);
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  /** The actions this dispatcher answers. */
  public Set<String> actions() {
    return byAction.keySet();
  }

  @Override
  public Document handle(SoapRequest request) throws ParleyFault {
    String action = request.action();
    if (action == null) {
      throw new ParleyFault(FaultCode.SOAP_SENDER, "the request carries no action");
    }
    SoapHandler handler = byAction.get(action);
    if (handler == null) {
      throw new ParleyFault(FaultCode.SOAP_SENDER, "no operation for action " + action);
    }
    return handler.handle(request);
  }

  /** Builder; refuses an empty or duplicate action. */
  public static final class Builder {
    private final Map<String, SoapHandler> byAction = new LinkedHashMap<>();

    private Builder() {}

    public Builder operation(String action, SoapHandler handler) {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(handler, "handler");
      if (action.isEmpty()) {
        throw new IllegalArgumentException("action must not be empty");
      }
      if (byAction.putIfAbsent(action, handler) != null) {
        throw new IllegalArgumentException("two operations for action " + action);
      }
      return this;
    }

    public SoapOperations build() {
      if (byAction.isEmpty()) {
        throw new IllegalStateException("no operations: add at least one with operation()");
      }
      return new SoapOperations(byAction);
    }
  }
}
