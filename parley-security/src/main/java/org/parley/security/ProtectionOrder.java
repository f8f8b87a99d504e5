package org.parley.security;

/** WS-SecurityPolicy 1.2 section 6.3: the order in which signing and encryption are applied. */
public enum ProtectionOrder {
  /** {@code sp:SignBeforeEncrypting}: the default. Signatures cover plaintext. */
  SIGN_BEFORE_ENCRYPT,
  /** {@code sp:EncryptBeforeSigning}: signatures cover the ciphertext. */
  ENCRYPT_BEFORE_SIGN
}
