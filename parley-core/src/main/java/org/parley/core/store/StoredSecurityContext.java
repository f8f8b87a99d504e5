package org.parley.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.parley.core.SecretBytes;
import org.parley.core.claims.ClaimsPrincipal;

/**
 * The server-side state of a session-mode WS-SecureConversation security context (WS-SC 1.3
 * sections 3 and 5): what a {@link SecurityContextStore} keeps between the issue, the messages that
 * use the context, its renewals and its cancellation.
 *
 * <ul>
 *   <li>{@code contextId}: the SCT's {@code wsc:Identifier} (an absolute URI).
 *   <li>{@code instance}: the SCT's {@code wsc:Instance} when the context was renewed (WS-SC 1.3
 *       section 5: a renewed token keeps the identifier and gets a new instance and key).
 *   <li>{@code secret}: the context's shared secret, source of its derived keys.
 *   <li>{@code ownerKey}: names the client identity that established the context (e.g. its
 *       certificate thumbprint); used to count contexts per client and to refuse an amend, renew or
 *       cancel proved by somebody else.
 *   <li>{@code created}, {@code expires}: the SCT lifetime; the store forgets the context at {@code
 *       expires}.
 *   <li>{@code keyEffective}, {@code keyExpiry}: when the current key may be used (WCF's key
 *       generation window).
 *   <li>{@code principal}: the claims of the client, rebuilt for every message that uses the
 *       context.
 * </ul>
 *
 * Immutable. {@link #equals} compares every field, the secret in constant time; {@link #toString()}
 * never shows the secret.
 */
public final class StoredSecurityContext {
  /** Longest context identifier, instance or owner key accepted. */
  public static final int MAX_ID_CHARS = 1024;

  private final String contextId;
  private final String instance;
  private final SecretBytes secret;
  private final String ownerKey;
  private final Instant created;
  private final Instant expires;
  private final Instant keyEffective;
  private final Instant keyExpiry;
  private final ClaimsPrincipal principal;

  private StoredSecurityContext(Builder b) {
    this.contextId = b.contextId;
    this.instance = b.instance;
    this.secret = b.secret;
    this.ownerKey = b.ownerKey;
    this.created = b.created;
    this.expires = b.expires;
    this.keyEffective = b.keyEffective == null ? b.created : b.keyEffective;
    this.keyExpiry = b.keyExpiry == null ? b.expires : b.keyExpiry;
    this.principal = b.principal;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b =
        new Builder()
            .contextId(contextId)
            .secret(secret)
            .ownerKey(ownerKey)
            .lifetime(created, expires)
            .keyLifetime(keyEffective, keyExpiry);
    b.instance = instance;
    b.principal = principal;
    return b;
  }

  public String contextId() {
    return contextId;
  }

  public Optional<String> instance() {
    return Optional.ofNullable(instance);
  }

  public SecretBytes secret() {
    return secret;
  }

  public String ownerKey() {
    return ownerKey;
  }

  public Instant created() {
    return created;
  }

  public Instant expires() {
    return expires;
  }

  public Instant keyEffective() {
    return keyEffective;
  }

  public Instant keyExpiry() {
    return keyExpiry;
  }

  public Optional<ClaimsPrincipal> principal() {
    return Optional.ofNullable(principal);
  }

  /** {@code now >= expires}. */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expires);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredSecurityContext c
        && contextId.equals(c.contextId)
        && Objects.equals(instance, c.instance)
        && ownerKey.equals(c.ownerKey)
        && created.equals(c.created)
        && expires.equals(c.expires)
        && keyEffective.equals(c.keyEffective)
        && keyExpiry.equals(c.keyExpiry)
        && Objects.equals(principal, c.principal)
        && secret.equalsConstantTime(c.secret);
  }

  @Override
  public int hashCode() {
    return Objects.hash(contextId, instance, ownerKey, expires);
  }

  @Override
  public String toString() {
    return "StoredSecurityContext["
        + contextId
        + (instance == null ? "" : " instance " + instance)
        + ", owner "
        + ownerKey
        + ", expires "
        + expires
        + "]";
  }

  /** Validates each setter; {@link #build()} refuses an incomplete context. */
  public static final class Builder {
    private String contextId;
    private String instance;
    private SecretBytes secret;
    private String ownerKey;
    private Instant created;
    private Instant expires;
    private Instant keyEffective;
    private Instant keyExpiry;
    private ClaimsPrincipal principal;

    private Builder() {}

    public Builder contextId(String contextId) {
      this.contextId = requireId(contextId, "contextId");
      return this;
    }

    public Builder instance(String instance) {
      this.instance = requireId(instance, "instance");
      return this;
    }

    public Builder secret(SecretBytes secret) {
      Objects.requireNonNull(secret, "secret");
      if (secret.lengthBytes() == 0) {
        throw new IllegalArgumentException("secret must not be empty");
      }
      this.secret = secret;
      return this;
    }

    public Builder ownerKey(String ownerKey) {
      this.ownerKey = requireId(ownerKey, "ownerKey");
      return this;
    }

    /** The SCT lifetime; {@code expires} must be after {@code created}. */
    public Builder lifetime(Instant created, Instant expires) {
      Objects.requireNonNull(created, "created");
      Objects.requireNonNull(expires, "expires");
      if (!expires.isAfter(created)) {
        throw new IllegalArgumentException(
            "expires " + expires + " must be after created " + created);
      }
      this.created = created;
      this.expires = expires;
      return this;
    }

    /** The current key's window; defaults to the context lifetime. */
    public Builder keyLifetime(Instant keyEffective, Instant keyExpiry) {
      Objects.requireNonNull(keyEffective, "keyEffective");
      Objects.requireNonNull(keyExpiry, "keyExpiry");
      if (!keyExpiry.isAfter(keyEffective)) {
        throw new IllegalArgumentException(
            "keyExpiry " + keyExpiry + " must be after keyEffective " + keyEffective);
      }
      this.keyEffective = keyEffective;
      this.keyExpiry = keyExpiry;
      return this;
    }

    public Builder principal(ClaimsPrincipal principal) {
      this.principal = Objects.requireNonNull(principal, "principal");
      return this;
    }

    public StoredSecurityContext build() {
      if (contextId == null || secret == null || ownerKey == null || created == null) {
        throw new IllegalStateException(
            "a stored security context needs contextId, secret, ownerKey and lifetime");
      }
      return new StoredSecurityContext(this);
    }
  }

  static String requireId(String s, String name) {
    Objects.requireNonNull(s, name);
    if (s.isEmpty() || s.length() > MAX_ID_CHARS) {
      throw new IllegalArgumentException(
          name
              + " must have 1 to StoredSecurityContext.MAX_ID_CHARS ("
              + MAX_ID_CHARS
              + ") characters, had "
              + s.length());
    }
    return s;
  }
}
