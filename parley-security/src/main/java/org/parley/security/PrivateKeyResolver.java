package org.parley.security;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Finds our private key for an {@code xenc:EncryptedKey} addressed to one of our certificates. */
@FunctionalInterface
public interface PrivateKeyResolver {
  /** The private key of the certificate {@code reference} names, or empty when it is not ours. */
  Optional<PrivateKey> privateKeyFor(X509Reference reference);

  /** No private keys: every EncryptedKey is refused. */
  static PrivateKeyResolver none() {
    return ref -> Optional.empty();
  }

  /** One key pair, matched by any reference form. */
  static PrivateKeyResolver of(X509Certificate certificate, PrivateKey key) {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(key, "key");
    return ref -> ref.matches(certificate) ? Optional.of(key) : Optional.empty();
  }

  /** The first resolver that knows the reference wins. */
  static PrivateKeyResolver anyOf(List<PrivateKeyResolver> resolvers) {
    List<PrivateKeyResolver> copy = List.copyOf(resolvers);
    return ref -> {
      for (PrivateKeyResolver r : copy) {
        Optional<PrivateKey> k = r.privateKeyFor(ref);
        if (k.isPresent()) {
          return k;
        }
      }
      return Optional.empty();
    };
  }
}
