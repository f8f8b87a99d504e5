package org.parley.security;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.parley.core.SecretBytes;
import org.parley.wire.Ns;
import org.w3c.dom.Element;

/**
 * The keys an outbound message is protected with (WS-SP 1.2 section 7):
 *
 * <ul>
 *   <li>{@link #securityContext}: symmetric binding, keys derived from an SCT secret;
 *   <li>{@link #encryptedKeyFor}: symmetric binding keyed by a fresh key wrapped for the
 *       recipient's certificate (the WCF/CXF bootstrap shape), optionally {@link #endorsedBy} our
 *       certificate;
 *   <li>{@link #replyTo}: symmetric binding reusing the EncryptedKey of a verified request,
 *       referenced by EncryptedKeySHA1 (WSS 1.1 section 7.3);
 *   <li>{@link #x509}: asymmetric binding, sign with our key, encrypt for the recipient.
 * </ul>
 */
public final class OutboundCredentials {
  /** Namespace of WCF's cookie element inside a cookie-mode SCT ({@code dnse:Cookie}). */
  public static final String COOKIE_NAMESPACE = "http://schemas.microsoft.com/ws/2006/05/security";

  enum Mode {
    CONTEXT,
    NEW_ENCRYPTED_KEY,
    REPLY_ENCRYPTED_KEY,
    X509
  }

  final Mode mode;
  final String contextIdentifier;
  final SecretBytes secret;
  final byte[] encryptedKeySha1;
  final String wscNamespace;
  final boolean embedContextToken;
  final PrivateKey signingKey;
  final X509Certificate signingCertificate;
  final X509Certificate recipientCertificate;
  final String contextInstance;
  final byte[] contextCookie;
  final List<Element> signedSupportingTokens;

  private OutboundCredentials(
      Mode mode,
      String contextIdentifier,
      SecretBytes secret,
      byte[] encryptedKeySha1,
      String wscNamespace,
      boolean embedContextToken,
      PrivateKey signingKey,
      X509Certificate signingCertificate,
      X509Certificate recipientCertificate) {
    this(
        mode,
        contextIdentifier,
        secret,
        encryptedKeySha1,
        wscNamespace,
        embedContextToken,
        signingKey,
        signingCertificate,
        recipientCertificate,
        null,
        null);
  }

  private OutboundCredentials(
      Mode mode,
      String contextIdentifier,
      SecretBytes secret,
      byte[] encryptedKeySha1,
      String wscNamespace,
      boolean embedContextToken,
      PrivateKey signingKey,
      X509Certificate signingCertificate,
      X509Certificate recipientCertificate,
      String contextInstance,
      byte[] contextCookie) {
    this.contextInstance = contextInstance;
    this.contextCookie = contextCookie;
    this.mode = mode;
    this.contextIdentifier = contextIdentifier;
    this.secret = secret;
    this.encryptedKeySha1 = encryptedKeySha1;
    this.wscNamespace = wscNamespace;
    this.embedContextToken = embedContextToken;
    this.signingKey = signingKey;
    this.signingCertificate = signingCertificate;
    this.recipientCertificate = recipientCertificate;
    this.signedSupportingTokens = List.of();
  }

  private OutboundCredentials(OutboundCredentials o, List<Element> signedSupportingTokens) {
    this.mode = o.mode;
    this.contextIdentifier = o.contextIdentifier;
    this.secret = o.secret;
    this.encryptedKeySha1 = o.encryptedKeySha1;
    this.wscNamespace = o.wscNamespace;
    this.embedContextToken = o.embedContextToken;
    this.signingKey = o.signingKey;
    this.signingCertificate = o.signingCertificate;
    this.recipientCertificate = o.recipientCertificate;
    this.contextInstance = o.contextInstance;
    this.contextCookie = o.contextCookie;
    this.signedSupportingTokens = List.copyOf(signedSupportingTokens);
  }

  /** {@code next} with this object's signed supporting tokens, which every variant keeps. */
  private OutboundCredentials keepingTokens(OutboundCredentials next) {
    return signedSupportingTokens.isEmpty()
        ? next
        : new OutboundCredentials(next, signedSupportingTokens);
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
    return new OutboundCredentials(
        Mode.CONTEXT, identifier, secret, null, Ns.WSC13, true, null, null, null);
  }

  /**
   * Symmetric binding with a fresh key in an EncryptedKey for {@code recipient} (RSA-OAEP, the
   * certificate named by its SHA-1 thumbprint). {@link ProtectedMessage#encryptedKeyResolver()}
   * then verifies the reply.
   */
  public static OutboundCredentials encryptedKeyFor(X509Certificate recipient) {
    return new OutboundCredentials(
        Mode.NEW_ENCRYPTED_KEY,
        null,
        null,
        null,
        Ns.WSC13,
        false,
        null,
        null,
        Objects.requireNonNull(recipient, "recipient"));
  }

  /**
   * A reply keyed by the EncryptedKey that keyed {@code request} (its primary signature), which the
   * reply references by EncryptedKeySHA1. The key never leaves the security package.
   *
   * @throws IllegalArgumentException when the request was not keyed by an EncryptedKey
   */
  public static OutboundCredentials replyTo(VerifiedMessage request) {
    if (request.replyKey == null) {
      throw new IllegalArgumentException("the request was not keyed by an EncryptedKey");
    }
    return new OutboundCredentials(
        Mode.REPLY_ENCRYPTED_KEY,
        null,
        request.replyKey,
        request.replyKeySha1.clone(),
        Ns.WSC13,
        false,
        null,
        null,
        null);
  }

  /** X.509: sign with {@code signingKey}, encrypt for {@code recipient}. */
  public static OutboundCredentials x509(
      PrivateKey signingKey, X509Certificate signingCertificate, X509Certificate recipient) {
    return new OutboundCredentials(
        Mode.X509,
        null,
        null,
        null,
        Ns.WSC13,
        false,
        Objects.requireNonNull(signingKey, "signingKey"),
        Objects.requireNonNull(signingCertificate, "signingCertificate"),
        Objects.requireNonNull(recipient, "recipient"));
  }

  /** Derived keys (and an embedded SCT) written in {@code Ns.WSC13} or {@code Ns.WSC200502}. */
  public OutboundCredentials inNamespace(String wscNamespace) {
    if (!Ns.WSC13.equals(wscNamespace) && !Ns.WSC200502.equals(wscNamespace)) {
      throw new IllegalArgumentException("not a WS-SC namespace: " + wscNamespace);
    }
    return keepingTokens(
        new OutboundCredentials(
            mode,
            contextIdentifier,
            secret,
            encryptedKeySha1,
            wscNamespace,
            embedContextToken,
            signingKey,
            signingCertificate,
            recipientCertificate,
            contextInstance,
            contextCookie));
  }

  /** The same context, referenced by its Identifier instead of carried (what a service replies). */
  public OutboundCredentials referencedByIdentifier() {
    if (mode != Mode.CONTEXT) {
      throw new IllegalStateException("not security-context credentials");
    }
    return keepingTokens(
        new OutboundCredentials(
            mode,
            contextIdentifier,
            secret,
            null,
            wscNamespace,
            false,
            null,
            null,
            null,
            contextInstance,
            null));
  }

  /**
   * The key of one instance of a renewed context (WS-SC 1.3 section 5: a renewed SCT keeps its
   * Identifier and gets a new {@code wsc:Instance}): an embedded SCT carries {@code wsc:Instance},
   * a reference by Identifier carries the {@code wsc:Instance} attribute.
   */
  public OutboundCredentials instance(String instance) {
    if (mode != Mode.CONTEXT) {
      throw new IllegalStateException("not security-context credentials");
    }
    Objects.requireNonNull(instance, "instance");
    if (instance.isBlank()) {
      throw new IllegalArgumentException("instance must not be blank");
    }
    return keepingTokens(
        new OutboundCredentials(
            mode,
            contextIdentifier,
            secret,
            encryptedKeySha1,
            wscNamespace,
            embedContextToken,
            signingKey,
            signingCertificate,
            recipientCertificate,
            instance,
            contextCookie));
  }

  /**
   * A cookie-mode context: the embedded SCT carries the issuer's sealed cookie as {@code
   * dnse:Cookie} (namespace {@link #COOKIE_NAMESPACE}, as WCF writes it), so a stateless issuer can
   * open it. The bytes are opaque here and copied.
   */
  public OutboundCredentials carryingCookie(byte[] cookie) {
    if (mode != Mode.CONTEXT || !embedContextToken) {
      throw new IllegalStateException("only an embedded security context token carries a cookie");
    }
    Objects.requireNonNull(cookie, "cookie");
    if (cookie.length == 0) {
      throw new IllegalArgumentException("cookie must not be empty");
    }
    return keepingTokens(
        new OutboundCredentials(
            mode,
            contextIdentifier,
            secret,
            encryptedKeySha1,
            wscNamespace,
            embedContextToken,
            signingKey,
            signingCertificate,
            recipientCertificate,
            contextInstance,
            cookie.clone()));
  }

  /**
   * Adds an endorsing signature (WS-SP 1.2 section 8.4) over the primary signature, made with
   * {@code key} and carrying {@code certificate} as a BinarySecurityToken. Symmetric modes only.
   */
  public OutboundCredentials endorsedBy(PrivateKey key, X509Certificate certificate) {
    if (mode == Mode.X509) {
      throw new IllegalStateException("the asymmetric binding signs with the X.509 key already");
    }
    return keepingTokens(
        new OutboundCredentials(
            mode,
            contextIdentifier,
            secret,
            encryptedKeySha1,
            wscNamespace,
            embedContextToken,
            Objects.requireNonNull(key, "key"),
            Objects.requireNonNull(certificate, "certificate"),
            recipientCertificate,
            contextInstance,
            contextCookie));
  }

  /**
   * Adds signed supporting tokens (WS-SP 1.2 section 8.3), such as a {@code wsse:UsernameToken} or
   * a SAML assertion: each is placed in the Security header after the Timestamp, in this order, and
   * covered by the primary signature (referenced by its {@code wsu:Id}, {@code Id} or {@code ID}, a
   * {@code wsu:Id} being added when it has none). Elements of another document are imported.
   */
  public OutboundCredentials withSignedSupportingTokens(List<Element> tokens) {
    List<Element> all = new ArrayList<>(signedSupportingTokens);
    for (Element t : tokens) {
      all.add(Objects.requireNonNull(t, "token"));
    }
    return new OutboundCredentials(this, all);
  }

  boolean isSymmetric() {
    return mode != Mode.X509;
  }
}
