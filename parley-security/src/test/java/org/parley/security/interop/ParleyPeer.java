package org.parley.security.interop;

import java.security.cert.TrustAnchor;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.core.SecretBytes;
import org.parley.security.CertificateTrust;
import org.parley.security.InboundProcessor;
import org.parley.security.PrivateKeyResolver;
import org.parley.security.SecurityPolicy;

/** Parley configured as the other side of {@link Wss4jPeer}'s two bindings. */
final class ParleyPeer {
  private ParleyPeer() {}

  /** WS-SP 1.2 section 7.4: SCT-protected, derived keys, encrypted signature. */
  static SecurityPolicy derivedKeyPolicy(InteropSuite suite) {
    return SecurityPolicy.newBuilder()
        .binding(SecurityPolicy.Binding.SYMMETRIC)
        .algorithmSuite(suite.parley)
        .derivedKeys(true)
        .encryptSignature(true)
        .build();
  }

  /** WS-SP 1.2 section 7.5: X.509 both ways, no derived keys, encrypted signature. */
  static SecurityPolicy x509Policy(InteropSuite suite) {
    return SecurityPolicy.newBuilder()
        .binding(SecurityPolicy.Binding.ASYMMETRIC)
        .algorithmSuite(suite.parley)
        .derivedKeys(false)
        .encryptSignature(true)
        .build();
  }

  /** The service side of a security context whose secret Parley holds. */
  static InboundProcessor derivedKeyReceiver(InteropSuite suite, byte[] secret, String sctId) {
    SecretBytes contextSecret = SecretBytes.copyOf(secret);
    return InboundProcessor.newBuilder()
        .policy(derivedKeyPolicy(suite))
        .securityContexts(id -> sctId.equals(id) ? Optional.of(contextSecret) : Optional.empty())
        .build();
  }

  /** The service: decrypts with its own key, trusts signers the test CA issued. */
  static InboundProcessor x509Receiver(InteropSuite suite, PeerKeys keys) throws Exception {
    Clock clock = Clock.systemUTC();
    return InboundProcessor.newBuilder()
        .policy(x509Policy(suite))
        .clock(clock)
        .privateKeys(PrivateKeyResolver.of(keys.serviceCertificate(), keys.serviceKey()))
        .certificateTrust(
            CertificateTrust.pkix(
                Set.of(new TrustAnchor(keys.caCertificate(), null)), List.of(), clock))
        .build();
  }
}
