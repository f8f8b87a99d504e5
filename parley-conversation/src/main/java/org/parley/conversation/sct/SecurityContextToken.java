package org.parley.conversation.sct;

import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import org.parley.conversation.trust.TrustVersion;

/**
 * A parsed {@code wsc:SecurityContextToken} (WS-SC 1.3 section 2): the context {@code
 * wsc:Identifier}, an optional {@code wsc:Instance} (a renewed key, sections 2 and 5), an optional
 * {@code wsu:Id} and, in cookie mode, the sealed context carried in the token itself.
 *
 * <p>Parsing proves nothing: a token is only a name until the conversation layer resolves it to a
 * context (from its store or, for a cookie, by opening the cookie with the key ring).
 *
 * <pre>
 * &lt;wsc:SecurityContextToken wsu:Id="..."&gt;
 *   &lt;wsc:Identifier&gt;uuid:...&lt;/wsc:Identifier&gt;
 *   &lt;wsc:Instance&gt;...&lt;/wsc:Instance&gt;?
 *   &lt;dnse:Cookie&gt;base64 sealed context&lt;/dnse:Cookie&gt;?
 * &lt;/wsc:SecurityContextToken&gt;
 * </pre>
 */
public final class SecurityContextToken {
  /** Namespace of the cookie element, the one WCF uses for its cookie-mode SCT. */
  public static final String COOKIE_NAMESPACE = "http://schemas.microsoft.com/ws/2006/05/security";

  public static final String COOKIE_LOCAL_NAME = "Cookie";

  private final TrustVersion version;
  private final String identifier;
  private final String instance;
  private final String wsuId;
  private final byte[] cookie;

  private SecurityContextToken(Builder b) {
    this.version = b.version;
    this.identifier = b.identifier;
    this.instance = b.instance;
    this.wsuId = b.wsuId;
    this.cookie = b.cookie;
  }

  public static Builder newBuilder(TrustVersion version, String identifier) {
    return new Builder(version, identifier);
  }

  /** The WS-SC version whose namespace the token is written in. */
  public TrustVersion version() {
    return version;
  }

  public String identifier() {
    return identifier;
  }

  public Optional<String> instance() {
    return Optional.ofNullable(instance);
  }

  public Optional<String> wsuId() {
    return Optional.ofNullable(wsuId);
  }

  /** The sealed context of a cookie-mode token, still sealed (a copy). */
  public Optional<byte[]> cookie() {
    return cookie == null ? Optional.empty() : Optional.of(cookie.clone());
  }

  public boolean isCookie() {
    return cookie != null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecurityContextToken t
        && version == t.version
        && identifier.equals(t.identifier)
        && Objects.equals(instance, t.instance)
        && Objects.equals(wsuId, t.wsuId)
        && (cookie == null
            ? t.cookie == null
            : t.cookie != null && MessageDigest.isEqual(cookie, t.cookie));
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, identifier, instance, wsuId);
  }

  /** Names the token; never shows the cookie. */
  @Override
  public String toString() {
    return "SecurityContextToken["
        + version
        + " "
        + identifier
        + (instance != null ? " instance " + instance : "")
        + (cookie != null ? " cookie " + cookie.length + " bytes" : "")
        + "]";
  }

  /** Builder; every setter validates. */
  public static final class Builder {
    private final TrustVersion version;
    private final String identifier;
    private String instance;
    private String wsuId;
    private byte[] cookie;

    private Builder(TrustVersion version, String identifier) {
      this.version = Objects.requireNonNull(version, "version");
      this.identifier = requireText(identifier, "identifier");
    }

    public Builder instance(String instance) {
      this.instance = requireText(instance, "instance");
      return this;
    }

    public Builder wsuId(String wsuId) {
      this.wsuId = requireText(wsuId, "wsuId");
      return this;
    }

    /** The sealed context (see {@link ContextCookieSealer}); copied. */
    public Builder cookie(byte[] sealed) {
      Objects.requireNonNull(sealed, "sealed");
      if (sealed.length == 0) {
        throw new IllegalArgumentException("cookie must not be empty");
      }
      this.cookie = sealed.clone();
      return this;
    }

    public SecurityContextToken build() {
      return new SecurityContextToken(this);
    }

    private static String requireText(String s, String name) {
      Objects.requireNonNull(s, name);
      if (s.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return s;
    }
  }
}
