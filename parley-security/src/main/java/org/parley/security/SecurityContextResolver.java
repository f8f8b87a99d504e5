package org.parley.security;

import java.util.Optional;
import org.parley.core.SecretBytes;
import org.w3c.dom.Element;

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

  /**
   * The secret of a context whose token is carried in the Security header ({@code carried}, the
   * {@code wsc:SecurityContextToken} element, e.g. with a cookie-mode {@code dnse:Cookie}); {@code
   * carried} is null when the message refers to the context by Identifier only. Defaults to {@link
   * #secretFor(String, String)}. The element is untrusted input: an implementation bounds what it
   * reads.
   */
  default Optional<SecretBytes> secretFor(String identifier, String instance, Element carried) {
    return secretFor(identifier, instance);
  }

  static SecurityContextResolver none() {
    return id -> Optional.empty();
  }
}
