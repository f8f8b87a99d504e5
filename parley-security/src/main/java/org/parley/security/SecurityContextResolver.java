package org.parley.security;

import java.util.Optional;
import org.parley.core.SecretBytes;

/**
 * Finds the shared secret of a security context by its {@code wsc:Identifier} (WS-SC 1.3 section
 * 3). The conversation layer implements it over its context store.
 */
@FunctionalInterface
public interface SecurityContextResolver {
  /** The secret of the context {@code identifier} names, or empty when unknown or expired. */
  Optional<SecretBytes> secretFor(String identifier);

  /**
   * The secret of one instance of a renewed context (WS-SC 1.3 section 3, {@code wsc:Instance});
   * {@code instance} is null when the message names none. Defaults to {@link #secretFor(String)}.
   */
  default Optional<SecretBytes> secretFor(String identifier, String instance) {
    return secretFor(identifier);
  }

  static SecurityContextResolver none() {
    return id -> Optional.empty();
  }
}
