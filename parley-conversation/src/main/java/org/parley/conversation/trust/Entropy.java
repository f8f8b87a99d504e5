package org.parley.conversation.trust;

import java.util.Objects;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * A {@code wst:Entropy} (WS-Trust 1.3 sections 4.4.3, 4.4.4): either a {@link BinarySecret} nonce,
 * or an {@code xenc:EncryptedKey} / {@code xenc:EncryptedData} that this codec leaves as an element
 * for the security layer to decrypt.
 */
public final class Entropy {
  private final BinarySecret binarySecret;
  private final Element encrypted;

  private Entropy(BinarySecret binarySecret, Element encrypted) {
    this.binarySecret = binarySecret;
    this.encrypted = encrypted;
  }

  public static Entropy of(BinarySecret secret) {
    return new Entropy(Objects.requireNonNull(secret, "secret"), null);
  }

  /** Entropy encrypted for the recipient; {@code element} is not copied. */
  public static Entropy encrypted(Element element) {
    return new Entropy(null, Objects.requireNonNull(element, "element"));
  }

  public Optional<BinarySecret> binarySecret() {
    return Optional.ofNullable(binarySecret);
  }

  public Optional<Element> encryptedElement() {
    return Optional.ofNullable(encrypted);
  }

  @Override
  public String toString() {
    return binarySecret != null
        ? "Entropy[" + binarySecret + "]"
        : "Entropy[encrypted " + encrypted.getLocalName() + "]";
  }
}
