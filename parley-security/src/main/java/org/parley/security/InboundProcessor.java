package org.parley.security;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import javax.xml.namespace.QName;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.parley.wire.xml.XmlRejectedException;
import org.w3c.dom.Document;

/**
 * Processes the WS-Security header of an inbound SOAP 1.1 or 1.2 message (WSS 1.0/1.1, WS-SC 1.3
 * and Feb 2005 derived keys, XML Signature, XML Encryption) in one pass, and checks the result
 * against a {@link SecurityPolicy}. The only way to obtain a {@link VerifiedMessage}.
 *
 * <p>Built once with {@link #newBuilder()}; immutable and thread-safe.
 */
public final class InboundProcessor {
  final SecurityPolicy policy;
  final Clock clock;
  final HardenedXml xml;
  final DerivedKeyLimits derivedKeyLimits;
  final SecurityHeaderLimits headerLimits;
  final PrivateKeyResolver privateKeys;
  final CertificateTrust certificateTrust;
  final SecurityContextResolver securityContexts;
  final EncryptedKeyResolver encryptedKeys;
  final Set<QName> callerProcessedTokens;

  private InboundProcessor(Builder b) {
    this.policy = b.policy;
    this.clock = b.clock;
    this.xml = HardenedXml.create(b.xmlLimits);
    this.derivedKeyLimits = b.derivedKeyLimits;
    this.headerLimits = b.headerLimits;
    this.privateKeys = b.privateKeys;
    this.certificateTrust = b.certificateTrust;
    this.securityContexts = b.securityContexts;
    this.encryptedKeys = b.encryptedKeys;
    this.callerProcessedTokens = Set.copyOf(b.callerProcessedTokens);
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  public SecurityPolicy policy() {
    return policy;
  }

  /** Parses {@code message} with the hardened parser and processes it. */
  public VerifiedMessage process(byte[] message) throws ParleyFault {
    return process(message, InboundContext.none());
  }

  /** Parses {@code message} with the hardened parser and processes it in {@code context}. */
  public VerifiedMessage process(byte[] message, InboundContext context) throws ParleyFault {
    Document doc;
    try {
      doc = xml.parse(message);
    } catch (XmlRejectedException e) {
      throw new ParleyFault(FaultCode.SOAP_SENDER, e.getMessage(), e);
    }
    return process(doc, context);
  }

  /**
   * Processes a document the caller parsed with {@link HardenedXml}. The document is changed in
   * place (decrypted) and owned by the returned message afterwards.
   */
  public VerifiedMessage process(Document document, InboundContext context) throws ParleyFault {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(context, "context");
    return new InboundRun(this, document, context).run();
  }

  /** Builder. A policy is required; everything else has a safe default (trust nothing). */
  public static final class Builder {
    private SecurityPolicy policy;
    private Clock clock = Clock.systemUTC();
    private XmlLimits xmlLimits = XmlLimits.DEFAULT;
    private DerivedKeyLimits derivedKeyLimits = DerivedKeyLimits.DEFAULT;
    private SecurityHeaderLimits headerLimits = SecurityHeaderLimits.DEFAULT;
    private PrivateKeyResolver privateKeys = PrivateKeyResolver.none();
    private CertificateTrust certificateTrust = CertificateTrust.none();
    private SecurityContextResolver securityContexts = SecurityContextResolver.none();
    private EncryptedKeyResolver encryptedKeys = EncryptedKeyResolver.none();
    private final Set<QName> callerProcessedTokens = new LinkedHashSet<>();

    private Builder() {}

    public Builder policy(SecurityPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder xmlLimits(XmlLimits limits) {
      this.xmlLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    public Builder derivedKeyLimits(DerivedKeyLimits limits) {
      this.derivedKeyLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    public Builder securityHeaderLimits(SecurityHeaderLimits limits) {
      this.headerLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Our private keys, for EncryptedKeys addressed to our certificates. */
    public Builder privateKeys(PrivateKeyResolver resolver) {
      this.privateKeys = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /** Which certificates may sign. */
    public Builder certificateTrust(CertificateTrust trust) {
      this.certificateTrust = Objects.requireNonNull(trust, "trust");
      return this;
    }

    /** Secrets of security contexts, by {@code wsc:Identifier}. */
    public Builder securityContexts(SecurityContextResolver resolver) {
      this.securityContexts = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /** Keys we sent earlier in EncryptedKeys, by EncryptedKeySHA1. */
    public Builder encryptedKeys(EncryptedKeyResolver resolver) {
      this.encryptedKeys = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * Security header children with these names (a {@code wsse:UsernameToken}, a {@code
     * saml2:Assertion}) are left in place for the caller instead of being refused as unsupported
     * tokens. The engine does not verify them: the caller must (an STS authenticating them, say). A
     * signature may still cover them by their id, and {@link VerifiedMessage#isSigned} says so.
     */
    public Builder callerProcessedTokens(QName... names) {
      for (QName n : names) {
        Objects.requireNonNull(n, "name");
        if (n.getLocalPart().isEmpty()) {
          throw new IllegalArgumentException("a token name needs a local part: " + n);
        }
        callerProcessedTokens.add(n);
      }
      return this;
    }

    public InboundProcessor build() {
      if (policy == null) {
        throw new IllegalStateException("an InboundProcessor needs a SecurityPolicy");
      }
      return new InboundProcessor(this);
    }
  }
}
