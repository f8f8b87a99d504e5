package org.parley.security;

import java.util.Objects;
import org.parley.security.internal.Uris;

/**
 * A WS-SecurityPolicy algorithm suite (WS-SP 1.2 section 6.1): the digest, signature, encryption
 * and key-wrap algorithms and the derived key lengths one binding uses. The five named constants
 * are the suites Parley supports out of the box; {@link #newBuilder()} builds a validated custom
 * suite (for AES-GCM data encryption, for example).
 *
 * <p>For the SHA-256 suites the signature algorithms are HMAC-SHA256 and RSA-SHA256, as WCF and
 * WSS4J use them; SP 1.2's table lists only the digest change.
 */
public final class AlgorithmSuite {
  /** WS-SP 1.2 6.1 Basic256: SHA-1, AES-256-CBC, RSA-OAEP, PSha1L256 / PSha1L192, min 256. */
  public static final AlgorithmSuite BASIC256 =
      named(
          "Basic256",
          Uris.SHA1,
          Uris.HMAC_SHA1,
          Uris.RSA_SHA1,
          DataEncryption.AES256_CBC,
          32,
          24,
          32);

  /** WS-SP 1.2 6.1 Basic192: SHA-1, AES-192-CBC, RSA-OAEP, PSha1L192 / PSha1L192, min 192. */
  public static final AlgorithmSuite BASIC192 =
      named(
          "Basic192",
          Uris.SHA1,
          Uris.HMAC_SHA1,
          Uris.RSA_SHA1,
          DataEncryption.AES192_CBC,
          24,
          24,
          24);

  /** WS-SP 1.2 6.1 Basic128: SHA-1, AES-128-CBC, RSA-OAEP, PSha1L128 / PSha1L128, min 128. */
  public static final AlgorithmSuite BASIC128 =
      named(
          "Basic128",
          Uris.SHA1,
          Uris.HMAC_SHA1,
          Uris.RSA_SHA1,
          DataEncryption.AES128_CBC,
          16,
          16,
          16);

  /** WS-SP 1.2 6.1 Basic256Sha256: SHA-256, AES-256-CBC, PSha1L256 / PSha1L192, min 256. */
  public static final AlgorithmSuite BASIC256_SHA256 =
      named(
          "Basic256Sha256",
          Uris.SHA256,
          Uris.HMAC_SHA256,
          Uris.RSA_SHA256,
          DataEncryption.AES256_CBC,
          32,
          24,
          32);

  /** WS-SP 1.2 6.1 Basic128Sha256: SHA-256, AES-128-CBC, PSha1L128 / PSha1L128, min 128. */
  public static final AlgorithmSuite BASIC128_SHA256 =
      named(
          "Basic128Sha256",
          Uris.SHA256,
          Uris.HMAC_SHA256,
          Uris.RSA_SHA256,
          DataEncryption.AES128_CBC,
          16,
          16,
          16);

  private final String name;
  private final String digestUri;
  private final String symmetricSignatureUri;
  private final String asymmetricSignatureUri;
  private final DataEncryption encryption;
  private final KeyTransport keyTransport;
  private final int encryptionDerivedKeyLengthBytes;
  private final int signatureDerivedKeyLengthBytes;
  private final int minimumSymmetricKeyLengthBytes;

  private AlgorithmSuite(Builder b) {
    this.name = b.name;
    this.digestUri = b.digestUri;
    this.symmetricSignatureUri = b.symmetricSignatureUri;
    this.asymmetricSignatureUri = b.asymmetricSignatureUri;
    this.encryption = b.encryption;
    this.keyTransport = b.keyTransport;
    this.encryptionDerivedKeyLengthBytes = b.encryptionDerivedKeyLengthBytes;
    this.signatureDerivedKeyLengthBytes = b.signatureDerivedKeyLengthBytes;
    this.minimumSymmetricKeyLengthBytes = b.minimumSymmetricKeyLengthBytes;
  }

  private static AlgorithmSuite named(
      String name,
      String digest,
      String hmac,
      String rsa,
      DataEncryption enc,
      int encDk,
      int sigDk,
      int minKey) {
    Builder b = newBuilder().name(name).digest(digest).symmetricSignature(hmac);
    return b.asymmetricSignature(rsa)
        .dataEncryption(enc)
        .encryptionDerivedKeyLengthBytes(encDk)
        .signatureDerivedKeyLengthBytes(sigDk)
        .minimumSymmetricKeyLengthBytes(minKey)
        .build();
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  /** A builder starting from this suite's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.digestUri = digestUri;
    b.symmetricSignatureUri = symmetricSignatureUri;
    b.asymmetricSignatureUri = asymmetricSignatureUri;
    b.encryption = encryption;
    b.keyTransport = keyTransport;
    b.encryptionDerivedKeyLengthBytes = encryptionDerivedKeyLengthBytes;
    b.signatureDerivedKeyLengthBytes = signatureDerivedKeyLengthBytes;
    b.minimumSymmetricKeyLengthBytes = minimumSymmetricKeyLengthBytes;
    return b;
  }

  public String name() {
    return name;
  }

  /** [Dig]: the reference digest algorithm URI. */
  public String digestUri() {
    return digestUri;
  }

  /** [Sym Sig]: HMAC-SHA1 or HMAC-SHA256. */
  public String symmetricSignatureUri() {
    return symmetricSignatureUri;
  }

  /** [Asym Sig]: RSA-SHA1 or RSA-SHA256. */
  public String asymmetricSignatureUri() {
    return asymmetricSignatureUri;
  }

  /** [Enc]: data encryption. */
  public DataEncryption dataEncryption() {
    return encryption;
  }

  /** [Asym KW]: key transport to an X.509 recipient. */
  public KeyTransport keyTransport() {
    return keyTransport;
  }

  /** [Enc KD]: length of derived encryption keys. */
  public int encryptionDerivedKeyLengthBytes() {
    return encryptionDerivedKeyLengthBytes;
  }

  /** [Sig KD]: length of derived signature keys. */
  public int signatureDerivedKeyLengthBytes() {
    return signatureDerivedKeyLengthBytes;
  }

  /** [Min SKL]: the shortest symmetric key accepted. */
  public int minimumSymmetricKeyLengthBytes() {
    return minimumSymmetricKeyLengthBytes;
  }

  @Override
  public String toString() {
    return "AlgorithmSuite[" + name + "]";
  }

  /** Builder; every setter validates, {@link #build()} refuses an incomplete suite. */
  public static final class Builder {
    private String name = "custom";
    private String digestUri;
    private String symmetricSignatureUri;
    private String asymmetricSignatureUri;
    private DataEncryption encryption;
    private KeyTransport keyTransport = KeyTransport.RSA_OAEP;
    private int encryptionDerivedKeyLengthBytes;
    private int signatureDerivedKeyLengthBytes;
    private int minimumSymmetricKeyLengthBytes;

    private Builder() {}

    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** SHA-1 or SHA-256 ({@code xmldsig#sha1}, {@code xmlenc#sha256}). */
    public Builder digest(String uri) {
      if (!Uris.SHA1.equals(uri) && !Uris.SHA256.equals(uri)) {
        throw new IllegalArgumentException("digest must be SHA-1 or SHA-256, was " + uri);
      }
      this.digestUri = uri;
      return this;
    }

    public Builder symmetricSignature(String uri) {
      if (!Uris.HMAC_SHA1.equals(uri) && !Uris.HMAC_SHA256.equals(uri)) {
        throw new IllegalArgumentException(
            "symmetricSignature must be HMAC-SHA1 or HMAC-SHA256, was " + uri);
      }
      this.symmetricSignatureUri = uri;
      return this;
    }

    public Builder asymmetricSignature(String uri) {
      if (!Uris.RSA_SHA1.equals(uri) && !Uris.RSA_SHA256.equals(uri)) {
        throw new IllegalArgumentException(
            "asymmetricSignature must be RSA-SHA1 or RSA-SHA256, was " + uri);
      }
      this.asymmetricSignatureUri = uri;
      return this;
    }

    public Builder dataEncryption(DataEncryption encryption) {
      this.encryption = Objects.requireNonNull(encryption, "encryption");
      return this;
    }

    /** RSA-OAEP key transport (the default). */
    public Builder keyTransportRsaOaep() {
      this.keyTransport = KeyTransport.RSA_OAEP;
      return this;
    }

    /**
     * Allows RSA PKCS#1 v1.5 key transport, which is open to padding-oracle attacks (Bleichenbacher
     * 1998; Jager, Schinzel and Somorovsky 2012 for XML Encryption). Only for legacy peers.
     */
    public Builder keyTransportRsaV15AllowingPaddingOracle() {
      this.keyTransport = KeyTransport.RSA_1_5;
      return this;
    }

    public Builder encryptionDerivedKeyLengthBytes(int lengthBytes) {
      this.encryptionDerivedKeyLengthBytes =
          between("encryptionDerivedKeyLengthBytes", lengthBytes, 16, 64);
      return this;
    }

    public Builder signatureDerivedKeyLengthBytes(int lengthBytes) {
      this.signatureDerivedKeyLengthBytes =
          between("signatureDerivedKeyLengthBytes", lengthBytes, 16, 64);
      return this;
    }

    public Builder minimumSymmetricKeyLengthBytes(int lengthBytes) {
      this.minimumSymmetricKeyLengthBytes =
          between("minimumSymmetricKeyLengthBytes", lengthBytes, 16, 64);
      return this;
    }

    public AlgorithmSuite build() {
      if (digestUri == null
          || symmetricSignatureUri == null
          || asymmetricSignatureUri == null
          || encryption == null
          || encryptionDerivedKeyLengthBytes == 0
          || signatureDerivedKeyLengthBytes == 0
          || minimumSymmetricKeyLengthBytes == 0) {
        throw new IllegalStateException(
            "an algorithm suite needs digest, symmetricSignature, asymmetricSignature,"
                + " dataEncryption and the three key lengths");
      }
      if (encryptionDerivedKeyLengthBytes != encryption.keyLengthBytes()) {
        throw new IllegalStateException(
            "encryptionDerivedKeyLengthBytes="
                + encryptionDerivedKeyLengthBytes
                + " does not fit "
                + encryption
                + " ("
                + encryption.keyLengthBytes()
                + " bytes)");
      }
      return new AlgorithmSuite(this);
    }

    private static int between(String name, int v, int min, int max) {
      if (v < min || v > max) {
        throw new IllegalArgumentException(
            name + " must be between " + min + " and " + max + ", was " + v);
      }
      return v;
    }
  }
}
