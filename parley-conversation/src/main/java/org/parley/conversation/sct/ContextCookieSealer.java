package org.parley.conversation.sct;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;
import org.parley.conversation.internal.CookiePayload;
import org.parley.conversation.trust.TrustVersion;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.core.keys.KeyRing;
import org.parley.core.keys.OpenFailedException;
import org.parley.core.store.StoredSecurityContext;

/**
 * Cookie mode (WCF's "stateless" SCT): the context's secret, identity and lifetimes are sealed with
 * the farm's {@link KeyRing} into the SCT itself, so any node holding the ring accepts the token
 * and no node stores anything.
 *
 * <p>The sealed bytes are {@link KeyRing}'s AES-256-GCM format around a versioned binary payload.
 * The associated data is {@value #PURPOSE}, a zero byte and the SCT's {@code wsc:Identifier}, so a
 * cookie cannot be opened for another purpose nor moved under another identifier. Anything wrong
 * with a cookie (tampered, foreign key, truncated, too large, mismatched) is one {@link
 * FaultCode#SC_BAD_CONTEXT_TOKEN} whose message says only that the cookie failed.
 *
 * <p>Expiry is not checked here: the conversation layer compares {@link
 * StoredSecurityContext#expires()} with its clock. Immutable and thread-safe.
 */
public final class ContextCookieSealer {
  /** The purpose bound into every sealed cookie. */
  public static final String PURPOSE = "parley/sct-cookie/v1";

  /** Largest sealed cookie accepted by default: 16 KiB. */
  public static final int DEFAULT_MAX_COOKIE_BYTES = 16 * 1024;

  private final Supplier<KeyRing> ring;
  private final int maxCookieBytes;

  private ContextCookieSealer(Supplier<KeyRing> ring, int maxCookieBytes) {
    this.ring = ring;
    this.maxCookieBytes = maxCookieBytes;
  }

  public static ContextCookieSealer create(KeyRing ring) {
    return create(ring, DEFAULT_MAX_COOKIE_BYTES);
  }

  /** A sealer refusing cookies larger than {@code maxCookieBytes} (both ways). */
  public static ContextCookieSealer create(KeyRing ring, int maxCookieBytes) {
    Objects.requireNonNull(ring, "ring");
    return create(() -> ring, maxCookieBytes);
  }

  /**
   * A sealer reading the current ring on every seal and open, for a farm ring rotated at run time;
   * the supplier must be fast and never return null.
   */
  public static ContextCookieSealer create(Supplier<KeyRing> ring, int maxCookieBytes) {
    Objects.requireNonNull(ring, "ring");
    if (maxCookieBytes < 256 || maxCookieBytes > 1024 * 1024) {
      throw new IllegalArgumentException(
          "maxCookieBytes must be between 256 and 1 MiB, was " + maxCookieBytes);
    }
    return new ContextCookieSealer(ring, maxCookieBytes);
  }

  public int maxCookieBytes() {
    return maxCookieBytes;
  }

  /**
   * Seals {@code context} under the ring's primary key.
   *
   * @throws IllegalArgumentException when the sealed cookie would exceed {@link #maxCookieBytes()}
   */
  public byte[] seal(StoredSecurityContext context) {
    Objects.requireNonNull(context, "context");
    byte[] sealed = ring.get().seal(CookiePayload.write(context), aad(context.contextId()));
    if (sealed.length > maxCookieBytes) {
      throw new IllegalArgumentException(
          "sealed context of "
              + sealed.length
              + " bytes exceeds maxCookieBytes ("
              + maxCookieBytes
              + "); trim the identity's claims or raise the limit");
    }
    return sealed;
  }

  /**
   * A cookie-mode SCT for {@code context}: its identifier and instance plus the sealed cookie;
   * {@code wsuId} may be null (no {@code wsu:Id}).
   */
  public SecurityContextToken token(
      TrustVersion version, String wsuId, StoredSecurityContext context) {
    SecurityContextToken.Builder b =
        SecurityContextToken.newBuilder(version, context.contextId()).cookie(seal(context));
    context.instance().ifPresent(b::instance);
    if (wsuId != null) {
      b.wsuId(wsuId);
    }
    return b.build();
  }

  /**
   * Opens the cookie of {@code token}. The result's identifier and instance equal the token's.
   *
   * @throws ParleyFault {@link FaultCode#SC_BAD_CONTEXT_TOKEN} when the token has no cookie or the
   *     cookie does not open
   */
  public StoredSecurityContext open(SecurityContextToken token) throws ParleyFault {
    Objects.requireNonNull(token, "token");
    byte[] cookie =
        token
            .cookie()
            .orElseThrow(
                () ->
                    new ParleyFault(
                        FaultCode.SC_BAD_CONTEXT_TOKEN,
                        "the security context token carries no cookie"));
    if (cookie.length > maxCookieBytes) {
      throw new ParleyFault(FaultCode.SC_BAD_CONTEXT_TOKEN, "context cookie failed");
    }
    StoredSecurityContext c;
    try {
      c = CookiePayload.read(ring.get().open(cookie, aad(token.identifier())));
    } catch (OpenFailedException | CookiePayload.MalformedException e) {
      throw new ParleyFault(FaultCode.SC_BAD_CONTEXT_TOKEN, "context cookie failed");
    }
    // The identifier is bound as associated data; the instance is checked here.
    if (!c.contextId().equals(token.identifier()) || !c.instance().equals(token.instance())) {
      throw new ParleyFault(FaultCode.SC_BAD_CONTEXT_TOKEN, "context cookie failed");
    }
    return c;
  }

  private static byte[] aad(String identifier) {
    byte[] p = PURPOSE.getBytes(StandardCharsets.UTF_8);
    byte[] id = identifier.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[p.length + 1 + id.length];
    System.arraycopy(p, 0, out, 0, p.length);
    System.arraycopy(id, 0, out, p.length + 1, id.length);
    return out;
  }
}
