package org.parley.conversation.trust;

import java.util.Objects;
import java.util.Optional;
import org.parley.conversation.sct.SecurityContextToken;

/**
 * How a {@code wst:RenewTarget}, {@code wst:CancelTarget} or {@code
 * wst:Requested(Un)AttachedReference} points at a security context token (WS-Trust 1.3 sections
 * 4.4, 5, 6; WS-SC 1.3, references to an SCT): a {@code wsse:SecurityTokenReference} to a token in
 * the same message by {@code #wsu:Id}, one to a context by its {@code wsc:Identifier} (with an
 * optional {@code wsc:Instance}), or the token itself inline.
 */
public final class ContextTokenReference {
  /** Which form the reference takes. */
  public enum Kind {
    /** {@code wsse:Reference URI="#id"}. */
    LOCAL_ID,
    /** {@code wsse:Reference URI="identifier"} with an optional {@code wsc:Instance}. */
    IDENTIFIER,
    /** The {@code wsc:SecurityContextToken} element itself. */
    INLINE
  }

  private final Kind kind;
  private final String value;
  private final String instance;
  private final SecurityContextToken token;
  private final boolean valueTypePresent;

  private ContextTokenReference(
      Kind kind, String value, String instance, SecurityContextToken token, boolean vt) {
    this.kind = kind;
    this.value = value;
    this.instance = instance;
    this.token = token;
    this.valueTypePresent = vt;
  }

  /** A reference to the token whose {@code wsu:Id} is {@code id} (without the '#'). */
  public static ContextTokenReference toLocalId(String id) {
    requireText(id, "id");
    return new ContextTokenReference(Kind.LOCAL_ID, id, null, null, true);
  }

  /** A reference to the context {@code identifier}, any instance. */
  public static ContextTokenReference toIdentifier(String identifier) {
    requireText(identifier, "identifier");
    return new ContextTokenReference(Kind.IDENTIFIER, identifier, null, null, true);
  }

  /** A reference to one instance of the context {@code identifier} (WS-SC 1.3 section 2). */
  public static ContextTokenReference toInstance(String identifier, String instance) {
    requireText(identifier, "identifier");
    requireText(instance, "instance");
    return new ContextTokenReference(Kind.IDENTIFIER, identifier, instance, null, true);
  }

  public static ContextTokenReference inline(SecurityContextToken token) {
    Objects.requireNonNull(token, "token");
    return new ContextTokenReference(Kind.INLINE, null, null, token, false);
  }

  /** The same reference written without a {@code ValueType} (as CXF does on renew). */
  public ContextTokenReference withoutValueType() {
    return kind == Kind.INLINE
        ? this
        : new ContextTokenReference(kind, value, instance, token, false);
  }

  public Kind kind() {
    return kind;
  }

  /** For {@link Kind#LOCAL_ID} the id without '#'; for {@link Kind#IDENTIFIER} the identifier. */
  public Optional<String> value() {
    return Optional.ofNullable(value);
  }

  public Optional<String> instance() {
    return Optional.ofNullable(instance);
  }

  public Optional<SecurityContextToken> token() {
    return Optional.ofNullable(token);
  }

  /** Whether a {@code wsse:Reference} carries (or will carry) the SCT {@code ValueType}. */
  public boolean valueTypePresent() {
    return valueTypePresent;
  }

  /**
   * The context identifier this reference names, when it names one without resolving a local id:
   * the identifier of an {@link Kind#IDENTIFIER} reference or of an inline token.
   */
  public Optional<String> contextIdentifier() {
    return switch (kind) {
      case IDENTIFIER -> Optional.of(value);
      case INLINE -> Optional.of(token.identifier());
      case LOCAL_ID -> Optional.empty();
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ContextTokenReference r
        && kind == r.kind
        && Objects.equals(value, r.value)
        && Objects.equals(instance, r.instance)
        && Objects.equals(token, r.token)
        && valueTypePresent == r.valueTypePresent;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, value, instance, token);
  }

  @Override
  public String toString() {
    return "ContextTokenReference["
        + kind
        + (value != null ? " " + value : "")
        + (instance != null ? " instance " + instance : "")
        + (token != null ? " " + token : "")
        + "]";
  }

  private static void requireText(String s, String name) {
    Objects.requireNonNull(s, name);
    if (s.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
