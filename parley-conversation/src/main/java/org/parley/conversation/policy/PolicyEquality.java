package org.parley.conversation.policy;

import org.parley.security.AlgorithmSuite;
import org.parley.security.SecurityPolicy;

/** Value equality of {@link SecurityPolicy}, which has identity equality of its own. */
final class PolicyEquality {
  private PolicyEquality() {}

  static boolean same(SecurityPolicy a, SecurityPolicy b) {
    return a.binding() == b.binding()
        && same(a.algorithmSuite(), b.algorithmSuite())
        && a.timestampRequired() == b.timestampRequired()
        && a.maxClockSkew().equals(b.maxClockSkew())
        && a.maxMessageAge().equals(b.maxMessageAge())
        && a.signBody() == b.signBody()
        && a.signedHeaders().equals(b.signedHeaders())
        && a.encryptBody() == b.encryptBody()
        && a.encryptedHeaders().equals(b.encryptedHeaders())
        && a.protectionOrder() == b.protectionOrder()
        && a.encryptSignature() == b.encryptSignature()
        && a.signatureConfirmation() == b.signatureConfirmation()
        && a.derivedKeys() == b.derivedKeys();
  }

  static boolean same(AlgorithmSuite a, AlgorithmSuite b) {
    return a.name().equals(b.name())
        && a.digestUri().equals(b.digestUri())
        && a.symmetricSignatureUri().equals(b.symmetricSignatureUri())
        && a.asymmetricSignatureUri().equals(b.asymmetricSignatureUri())
        && a.dataEncryption() == b.dataEncryption()
        && a.keyTransport() == b.keyTransport()
        && a.encryptionDerivedKeyLengthBytes() == b.encryptionDerivedKeyLengthBytes()
        && a.signatureDerivedKeyLengthBytes() == b.signatureDerivedKeyLengthBytes()
        && a.minimumSymmetricKeyLengthBytes() == b.minimumSymmetricKeyLengthBytes();
  }
}
