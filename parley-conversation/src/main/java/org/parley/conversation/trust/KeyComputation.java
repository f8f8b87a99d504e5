package org.parley.conversation.trust;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.OptionalInt;
import org.parley.core.SecretBytes;
import org.parley.core.crypto.PHash;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.security.AlgorithmSuite;

/**
 * The proof key of an issued SCT from the entropies of both sides (WS-Trust 1.3 section 4.4.4), on
 * the issuer's side ({@link #issue}) and the requestor's ({@link #requestorKey}).
 *
 * <p>Combined entropy: "key = P_SHA1 (EntREQ, EntRES)" with P_SHA1 as in TLS (RFC 2246 section 5),
 * whose first argument is the secret and second the seed: the requestor's entropy is the HMAC key,
 * the issuer's the seed. The peer captures confirm it: a key computed this way verifies CXF's
 * application messages (see {@code KeyComputationCaptureTest}).
 */
public final class KeyComputation {
  /** Shortest entropy accepted from either side: 128 bits. */
  public static final int MIN_ENTROPY_BYTES = 16;

  private KeyComputation() {}

  /**
   * The key size of an SCT under {@code suite} (WS-SP 1.2 section 6.1): the requested size if it
   * lies between the suite's minimum symmetric key length and {@code maxKeySizeBits}, the suite's
   * encryption key length if none was asked for.
   */
  public static int keySizeBits(AlgorithmSuite suite, OptionalInt requested, int maxKeySizeBits)
      throws ParleyFault {
    Objects.requireNonNull(suite, "suite");
    int defaultBits = suite.dataEncryption().keyLengthBytes() * 8;
    if (requested.isEmpty()) {
      return defaultBits;
    }
    int bits = requested.getAsInt();
    int min = suite.minimumSymmetricKeyLengthBytes() * 8;
    if (bits < min || bits > maxKeySizeBits || bits % 8 != 0) {
      throw new ParleyFault(
          FaultCode.TRUST_INVALID_REQUEST,
          "wst:KeySize "
              + bits
              + " is outside "
              + suite.name()
              + "'s range ["
              + min
              + ", "
              + maxKeySizeBits
              + "] bits (WS-SP 1.2 section 6.1 [Min SKL])");
    }
    return bits;
  }

  /** WS-Trust 1.3 section 4.4.4, CK/PSHA1: P_SHA1(secret = requestor, seed = issuer). */
  public static SecretBytes computedKey(
      SecretBytes requestorEntropy, SecretBytes issuerEntropy, int keySizeBits) {
    Objects.requireNonNull(requestorEntropy, "requestorEntropy");
    Objects.requireNonNull(issuerEntropy, "issuerEntropy");
    if (keySizeBits < 8 || keySizeBits % 8 != 0) {
      throw new IllegalArgumentException("keySizeBits must be a positive multiple of 8");
    }
    return PHash.P_SHA1.derive(requestorEntropy, issuerEntropy.toByteArray(), 0, keySizeBits / 8);
  }

  /** What the issuer keeps and what it sends back for one issued key. */
  public record IssuedKey(SecretBytes key, Entropy issuerEntropy, ProofToken proofToken) {
    public IssuedKey {
      Objects.requireNonNull(key, "key");
    }
  }

  /**
   * The issuer's side: the key for {@code mode} from the request's entropy (null when the request
   * sent none), with the entropy and proof token to return. Entropy that is too short or missing
   * when the mode needs it is {@link FaultCode#TRUST_INVALID_REQUEST}.
   */
  public static IssuedKey issue(
      TrustVersion version,
      EntropyMode mode,
      BinarySecret requestorEntropy,
      int keySizeBits,
      SecureRandom random)
      throws ParleyFault {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(random, "random");
    int keyBytes = keySizeBits / 8;
    switch (mode) {
      case CLIENT -> {
        SecretBytes e = requireEntropy(requestorEntropy, mode);
        if (e.lengthBytes() != keyBytes) {
          throw new ParleyFault(
              FaultCode.TRUST_INVALID_REQUEST,
              "client entropy of "
                  + e.lengthBytes()
                  + " bytes cannot be a "
                  + keySizeBits
                  + "-bit key (WS-Trust 1.3 section 4.4.4, requestor-provided key)");
        }
        return new IssuedKey(e, null, null);
      }
      case SERVER -> {
        if (requestorEntropy != null) {
          throw new ParleyFault(
              FaultCode.TRUST_INVALID_REQUEST,
              "this endpoint issues keys from server entropy only; the request sent wst:Entropy"
                  + " (WS-SP 1.2 section 10.1)");
        }
        SecretBytes key = SecretBytes.random(keyBytes, random);
        return new IssuedKey(
            key,
            null,
            ProofToken.binarySecret(BinarySecret.of(BinarySecret.Type.SYMMETRIC_KEY, key)));
      }
      case COMBINED -> {
        SecretBytes e = requireEntropy(requestorEntropy, mode);
        SecretBytes issuer = SecretBytes.random(keyBytes, random);
        SecretBytes key = computedKey(e, issuer, keySizeBits);
        return new IssuedKey(
            key,
            Entropy.of(BinarySecret.nonce(issuer)),
            ProofToken.computedKey(version.computedKeyPsha1()));
      }
    }
    throw new AssertionError(mode);
  }

  /**
   * The requestor's side: the proof key an RSTR gives, from the entropy the requestor sent (null if
   * none) and the response. Fails with {@link FaultCode#TRUST_INVALID_REQUEST} when the response
   * does not match what was asked (a computed key without issuer entropy, a key without proof).
   */
  public static SecretBytes requestorKey(
      BinarySecret requestorEntropy, RequestSecurityTokenResponse rstr, int requestedKeySizeBits)
      throws ParleyFault {
    Objects.requireNonNull(rstr, "rstr");
    ProofToken proof = rstr.proofToken().orElse(null);
    if (proof == null) {
      // WS-Trust 1.3 section 4.4.3: no proof token means the requestor's entropy is the key.
      if (requestorEntropy == null) {
        throw new ParleyFault(
            FaultCode.TRUST_INVALID_REQUEST,
            "the response has no wst:RequestedProofToken and no client entropy was sent");
      }
      return requestorEntropy.value();
    }
    return switch (proof.kind()) {
      case BINARY_SECRET -> proof.binarySecret().orElseThrow().value();
      case COMPUTED_KEY -> {
        if (requestorEntropy == null) {
          throw new ParleyFault(
              FaultCode.TRUST_INVALID_REQUEST,
              "the response asks for a computed key but no client entropy was sent");
        }
        BinarySecret issuer =
            rstr.entropy()
                .flatMap(Entropy::binarySecret)
                .orElseThrow(
                    () ->
                        new ParleyFault(
                            FaultCode.TRUST_INVALID_REQUEST,
                            "wst:ComputedKey without issuer wst:Entropy/wst:BinarySecret"
                                + " (WS-Trust 1.3 section 4.4.4)"));
        int bits = rstr.keySizeBits().orElse(requestedKeySizeBits);
        yield computedKey(requestorEntropy.value(), issuer.value(), bits);
      }
      case ENCRYPTED_KEY ->
          throw new ParleyFault(
              FaultCode.TRUST_INVALID_REQUEST,
              "an encrypted proof key is decrypted by the security layer, not here");
    };
  }

  private static SecretBytes requireEntropy(BinarySecret entropy, EntropyMode mode)
      throws ParleyFault {
    if (entropy == null) {
      throw new ParleyFault(
          FaultCode.TRUST_INVALID_REQUEST,
          "entropy mode "
              + mode
              + " needs client wst:Entropy (WS-SP 1.2 section 10.1 RequireClientEntropy)");
    }
    if (entropy.value().lengthBytes() < MIN_ENTROPY_BYTES) {
      throw new ParleyFault(
          FaultCode.TRUST_INVALID_REQUEST,
          "client entropy of "
              + entropy.value().lengthBytes()
              + " bytes is shorter than KeyComputation.MIN_ENTROPY_BYTES ("
              + MIN_ENTROPY_BYTES
              + ")");
    }
    return entropy.value();
  }
}
