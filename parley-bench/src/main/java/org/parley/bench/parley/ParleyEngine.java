package org.parley.bench.parley;

import java.util.Optional;
import org.parley.core.SecretBytes;
import org.parley.core.fault.ParleyFault;
import org.parley.security.AlgorithmSuite;
import org.parley.security.InboundProcessor;
import org.parley.security.OutboundCredentials;
import org.parley.security.OutboundProtector;
import org.parley.security.SecurityPolicy;
import org.parley.security.VerifiedMessage;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.parley.wire.xml.XmlRejectedException;

/**
 * Parley configured for the benchmark's protection: symmetric binding over a WS-SC 1.3 security
 * context carried in the header, derived keys, Basic256, signed Timestamp and Body, encrypted Body
 * content and signature. Built once; thread-safe.
 */
public final class ParleyEngine {
  private final InboundProcessor inbound;
  private final OutboundProtector outbound;
  private final OutboundCredentials credentials;
  private final HardenedXml xml = HardenedXml.create(XmlLimits.DEFAULT);

  public ParleyEngine(byte[] secret, String sctIdentifier) {
    SecretBytes contextSecret = SecretBytes.copyOf(secret);
    SecurityPolicy policy = policy();
    this.inbound =
        InboundProcessor.newBuilder()
            .policy(policy)
            .securityContexts(
                id -> sctIdentifier.equals(id) ? Optional.of(contextSecret) : Optional.empty())
            .build();
    this.outbound = OutboundProtector.newBuilder().policy(policy).build();
    this.credentials = OutboundCredentials.securityContext(sctIdentifier, contextSecret);
  }

  /** The policy both directions apply (WS-SP 1.2 section 7.4 SymmetricBinding, Basic256). */
  static SecurityPolicy policy() {
    return SecurityPolicy.newBuilder()
        .binding(SecurityPolicy.Binding.SYMMETRIC)
        .algorithmSuite(AlgorithmSuite.BASIC256)
        .derivedKeys(true)
        .encryptSignature(true)
        .build();
  }

  /** Parses, verifies and decrypts a protected message. */
  public VerifiedMessage verify(byte[] message) throws ParleyFault {
    return inbound.process(message);
  }

  /** Parses an unprotected envelope, protects it, and serializes the result. */
  public byte[] protect(byte[] plainEnvelope) throws ParleyFault, XmlRejectedException {
    return outbound.protect(xml.parse(plainEnvelope), credentials).bytes();
  }
}
