package org.parley.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.parley.core.SecretBytes;

/**
 * What the caller knows about one inbound message: the implicit source for derived keys without an
 * inner SecurityTokenReference (WS-SC 1.3 section 7, "the context in which the token is used"), and
 * the signature values it sent, which a reply must confirm (WSS 1.1 section 8.5).
 */
public final class InboundContext {
  private static final InboundContext NONE = new InboundContext(null, List.of(), null);

  private final SecretBytes implicitDerivationSource;
  private final List<byte[]> expectedConfirmations;
  private final SecurityContextResolver securityContexts;

  private InboundContext(
      SecretBytes implicit, List<byte[]> expected, SecurityContextResolver securityContexts) {
    this.implicitDerivationSource = implicit;
    this.expectedConfirmations = expected;
    this.securityContexts = securityContexts;
  }

  /** No implicit derivation source, no confirmations expected. */
  public static InboundContext none() {
    return NONE;
  }

  /** A context whose derived keys without inner STR derive from {@code secret}. */
  public InboundContext withImplicitDerivationSource(SecretBytes secret) {
    return new InboundContext(
        Objects.requireNonNull(secret, "secret"), expectedConfirmations, securityContexts);
  }

  /** A context expecting the reply to confirm each of {@code signatureValues}. */
  public InboundContext expectingSignatureConfirmations(List<byte[]> signatureValues) {
    List<byte[]> copy = new ArrayList<>();
    for (byte[] v : signatureValues) {
      copy.add(v.clone());
    }
    return new InboundContext(implicitDerivationSource, List.copyOf(copy), securityContexts);
  }

  /**
   * A context whose security context tokens are resolved by {@code resolver} instead of the
   * processor's own (a per-message resolver, e.g. one that remembers which cookie-mode context it
   * opened for this message).
   */
  public InboundContext withSecurityContexts(SecurityContextResolver resolver) {
    return new InboundContext(
        implicitDerivationSource,
        expectedConfirmations,
        Objects.requireNonNull(resolver, "resolver"));
  }

  Optional<SecurityContextResolver> securityContexts() {
    return Optional.ofNullable(securityContexts);
  }

  public Optional<SecretBytes> implicitDerivationSource() {
    return Optional.ofNullable(implicitDerivationSource);
  }

  List<byte[]> expectedConfirmations() {
    return expectedConfirmations;
  }
}
