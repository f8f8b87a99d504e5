package org.parley.conversation.trust;

import java.util.Objects;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * {@code wst:RequestedProofToken} (WS-Trust 1.3 section 4.4.3): the proof key is computed from both
 * entropies ({@code wst:ComputedKey}), sent as a {@code wst:BinarySecret}, or encrypted to the
 * requestor ({@code xenc:EncryptedKey}, left as an element for the security layer).
 */
public final class ProofToken {
  /** Which form the proof takes. */
  public enum Kind {
    COMPUTED_KEY,
    BINARY_SECRET,
    ENCRYPTED_KEY
  }

  private final Kind kind;
  private final String computedKeyAlgorithm;
  private final BinarySecret binarySecret;
  private final Element encryptedKey;

  private ProofToken(Kind kind, String alg, BinarySecret secret, Element encryptedKey) {
    this.kind = kind;
    this.computedKeyAlgorithm = alg;
    this.binarySecret = secret;
    this.encryptedKey = encryptedKey;
  }

  /** {@code wst:ComputedKey} naming {@code algorithm} (the version's {@code CK/PSHA1}). */
  public static ProofToken computedKey(String algorithm) {
    return new ProofToken(
        Kind.COMPUTED_KEY, Objects.requireNonNull(algorithm, "algorithm"), null, null);
  }

  public static ProofToken binarySecret(BinarySecret secret) {
    return new ProofToken(Kind.BINARY_SECRET, null, Objects.requireNonNull(secret, "secret"), null);
  }

  public static ProofToken encryptedKey(Element element) {
    return new ProofToken(
        Kind.ENCRYPTED_KEY, null, null, Objects.requireNonNull(element, "element"));
  }

  public Kind kind() {
    return kind;
  }

  public Optional<String> computedKeyAlgorithm() {
    return Optional.ofNullable(computedKeyAlgorithm);
  }

  public Optional<BinarySecret> binarySecret() {
    return Optional.ofNullable(binarySecret);
  }

  public Optional<Element> encryptedKey() {
    return Optional.ofNullable(encryptedKey);
  }

  @Override
  public String toString() {
    return "ProofToken["
        + kind
        + (computedKeyAlgorithm != null ? " " + computedKeyAlgorithm : "")
        + (binarySecret != null ? " " + binarySecret : "")
        + "]";
  }
}
