package org.parley.security;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import org.parley.core.SecretBytes;
import org.parley.wire.Ns;

/**
 * The keys an outbound message is protected with: a security context (symmetric binding, keys
 * derived from the SCT secret), or X.509 (asymmetric binding: sign with our private key, encrypt
 * with a fresh key wrapped for the recipient's certificate).
 */
public final class OutboundCredentials {
  final String contextIdentifier;
  final SecretBytes contextSecret;
  final String wscNamespace;
  final boolean embedContextToken;
  final PrivateKey signingKey;
  final X509Certificate signingCertificate;
  final X509Certificate recipientCertificate;

  private OutboundCredentials(
      String contextIdentifier,
      SecretBytes contextSecret,
      String wscNamespace,
      boolean embedContextToken,
      PrivateKey signingKey,
      X509Certificate signingCertificate,
      X509Certificate recipientCertificate) {
    this.contextIdentifier = contextIdentifier;
    this.contextSecret = contextSecret;
    this.wscNamespace = wscNamespace;
    this.embedContextToken = embedContextToken;
    this.signingKey = signingKey;
    this.signingCertificate = signingCertificate;
    this.recipientCertificate = recipientCertificate;
  }

  /**
   * A WS-SC 1.3 security context: the SCT is carried in the header and referenced by {@code #id}
   * (what a client sends). Use {@link #referencedByIdentifier()} for replies and {@link
   * #inNamespace} for February 2005.
   */
  public static OutboundCredentials securityContext(String identifier, SecretBytes secret) {
    Objects.requireNonNull(identifier, "identifier");
    Objects.requireNonNull(secret, "secret");
    if (secret.lengthBytes() < 16) {
      throw new IllegalArgumentException("a context secret must have at least 16 bytes");
    }
    return new OutboundCredentials(identifier, secret, Ns.WSC13, true, null, null, null);
  }

  /** X.509: sign with {@code signingKey}, encrypt for {@code recipient}. */
  public static OutboundCredentials x509(
      PrivateKey signingKey, X509Certificate signingCertificate, X509Certificate recipient) {
    return new OutboundCredentials(
        null,
        null,
        null,
        false,
        Objects.requireNonNull(signingKey, "signingKey"),
        Objects.requireNonNull(signingCertificate, "signingCertificate"),
        Objects.requireNonNull(recipient, "recipient"));
  }

  /** The same context, written in {@code Ns.WSC13} or {@code Ns.WSC200502}. */
  public OutboundCredentials inNamespace(String wscNamespace) {
    if (!Ns.WSC13.equals(wscNamespace) && !Ns.WSC200502.equals(wscNamespace)) {
      throw new IllegalArgumentException("not a WS-SC namespace: " + wscNamespace);
    }
    requireContext();
    return new OutboundCredentials(
        contextIdentifier, contextSecret, wscNamespace, embedContextToken, null, null, null);
  }

  /** The same context, referenced by its Identifier instead of carried (what a service replies). */
  public OutboundCredentials referencedByIdentifier() {
    requireContext();
    return new OutboundCredentials(
        contextIdentifier, contextSecret, wscNamespace, false, null, null, null);
  }

  boolean isContext() {
    return contextSecret != null;
  }

  private void requireContext() {
    if (contextSecret == null) {
      throw new IllegalStateException("not security-context credentials");
    }
  }
}
