package org.parley.security;

/**
 * How a symmetric key is wrapped for an X.509 recipient (WS-SecurityPolicy 1.2 section 6.1, "Asym
 * KW").
 */
public enum KeyTransport {
  /**
   * RSA-OAEP: {@code xmlenc#rsa-oaep-mgf1p} or {@code xmlenc11#rsa-oaep}, with SHA-1 or SHA-256
   * digest and MGF1. The default of every named suite.
   */
  RSA_OAEP,
  /**
   * RSA PKCS#1 v1.5. Open to Bleichenbacher-style padding oracles; only reachable through {@link
   * AlgorithmSuite.Builder#keyTransportRsaV15AllowingPaddingOracle()}.
   */
  RSA_1_5
}
