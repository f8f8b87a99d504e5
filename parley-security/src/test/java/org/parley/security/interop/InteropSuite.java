package org.parley.security.interop;

import org.apache.wss4j.dom.WSConstants;
import org.parley.security.AlgorithmSuite;

/**
 * The WS-SecurityPolicy 1.2 algorithm suites (section 6.1) as WSS4J names their algorithms. Sdkl
 * and Edkl are the derived signature and encryption key lengths the suite prescribes.
 */
enum InteropSuite {
  BASIC128(AlgorithmSuite.BASIC128, WSConstants.AES_128, 16, 16, false),
  BASIC192(AlgorithmSuite.BASIC192, WSConstants.AES_192, 24, 24, false),
  BASIC256(AlgorithmSuite.BASIC256, WSConstants.AES_256, 24, 32, false),
  BASIC128_SHA256(AlgorithmSuite.BASIC128_SHA256, WSConstants.AES_128, 16, 16, true),
  BASIC256_SHA256(AlgorithmSuite.BASIC256_SHA256, WSConstants.AES_256, 24, 32, true);

  /** Parley's constant for the same suite. */
  final AlgorithmSuite parley;

  final String encryption;
  final int signatureKeyBytes;
  final int encryptionKeyBytes;
  final String symmetricSignature;
  final String asymmetricSignature;
  final String digest;

  InteropSuite(
      AlgorithmSuite parley, String encryption, int sdklBytes, int edklBytes, boolean sha256) {
    this.parley = parley;
    this.encryption = encryption;
    this.signatureKeyBytes = sdklBytes;
    this.encryptionKeyBytes = edklBytes;
    this.symmetricSignature = sha256 ? WSConstants.HMAC_SHA256 : WSConstants.HMAC_SHA1;
    this.asymmetricSignature = sha256 ? WSConstants.RSA_SHA256 : WSConstants.RSA_SHA1;
    this.digest = sha256 ? WSConstants.SHA256 : WSConstants.SHA1;
  }
}
