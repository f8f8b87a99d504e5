package org.parley.security;

import java.util.Optional;
import org.parley.core.SecretBytes;

/**
 * Finds a symmetric key this side sent earlier inside an {@code xenc:EncryptedKey}, by the {@code
 * EncryptedKeySHA1} key identifier a reply uses (WSS 1.1 section 7.3): SHA-1 over the
 * EncryptedKey's decoded CipherValue.
 */
@FunctionalInterface
public interface EncryptedKeyResolver {
  Optional<SecretBytes> secretForSha1(byte[] encryptedKeySha1);

  static EncryptedKeyResolver none() {
    return sha1 -> Optional.empty();
  }
}
