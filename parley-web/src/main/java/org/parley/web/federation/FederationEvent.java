package org.parley.web.federation;

import java.util.Objects;
import java.util.Optional;

/** What the federation filter did with a request; for metrics and audit, never carries a token. */
public final class FederationEvent {
  /** Kinds of event. */
  public enum Type {
    /** An anonymous request was redirected to the STS. */
    CHALLENGED,
    /** A sign-in response was accepted and a session issued. */
    SIGNED_IN,
    /** A sign-in response was refused; {@link #detail()} says why. */
    REJECTED
  }

  private final Type type;
  private final String detail;

  private FederationEvent(Type type, String detail) {
    this.type = type;
    this.detail = detail;
  }

  static FederationEvent of(Type type, String detail) {
    return new FederationEvent(Objects.requireNonNull(type), detail);
  }

  public Type type() {
    return type;
  }

  public Optional<String> detail() {
    return Optional.ofNullable(detail);
  }

  @Override
  public String toString() {
    return "FederationEvent[" + type + (detail == null ? "" : ", " + detail) + "]";
  }
}
