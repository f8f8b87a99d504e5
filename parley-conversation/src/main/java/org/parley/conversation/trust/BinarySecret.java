package org.parley.conversation.trust;

import java.util.Objects;
import org.parley.core.SecretBytes;

/**
 * A {@code wst:BinarySecret} (WS-Trust 1.3 section 3.3): key material or entropy sent in the clear
 * inside a message whose body the security layer encrypts.
 */
public final class BinarySecret {
  /** The {@code Type} attribute; the spec's default is {@link #SYMMETRIC_KEY}. */
  public enum Type {
    NONCE("Nonce"),
    SYMMETRIC_KEY("SymmetricKey"),
    ASYMMETRIC_KEY("AsymmetricKey");

    private final String uriSuffix;

    Type(String uriSuffix) {
      this.uriSuffix = uriSuffix;
    }

    String uriSuffix() {
      return uriSuffix;
    }
  }

  private final Type type;
  private final SecretBytes value;

  private BinarySecret(Type type, SecretBytes value) {
    this.type = type;
    this.value = value;
  }

  public static BinarySecret of(Type type, SecretBytes value) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    if (value.lengthBytes() == 0) {
      throw new IllegalArgumentException("a BinarySecret must not be empty");
    }
    return new BinarySecret(type, value);
  }

  /** A nonce (entropy) of {@code value}. */
  public static BinarySecret nonce(SecretBytes value) {
    return of(Type.NONCE, value);
  }

  public Type type() {
    return type;
  }

  public SecretBytes value() {
    return value;
  }

  /** Same type and, in constant time, the same bytes. */
  public boolean sameAs(BinarySecret other) {
    return other != null && type == other.type && value.equalsConstantTime(other.value);
  }

  @Override
  public String toString() {
    return "BinarySecret[" + type + ", " + value.lengthBytes() + " bytes]";
  }
}
