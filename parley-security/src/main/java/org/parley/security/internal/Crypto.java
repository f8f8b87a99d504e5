package org.parley.security.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * JCA primitives for XML Signature and XML Encryption, with per-thread caches of the JCA objects
 * (they are not thread-safe, and looking them up costs more than using them on small messages).
 * Callers see a {@link GeneralSecurityException} on any failure and report only "failed".
 */
public final class Crypto {
  private Crypto() {}

  /** One cache per kind, keyed by the JCA name alone: no key string is built per lookup. */
  private static final class Cache {
    final Map<String, MessageDigest> digests = new HashMap<>();
    final Map<String, Mac> macs = new HashMap<>();
    final Map<String, Signature> signatures = new HashMap<>();
    final Map<String, Cipher> ciphers = new HashMap<>();
  }

  private static final ThreadLocal<Cache> CACHE = ThreadLocal.withInitial(Cache::new);

  /** JCA name of a digest URI, or null when unsupported. */
  public static String digestName(String uri) {
    if (Uris.SHA1.equals(uri)) {
      return "SHA-1";
    }
    if (Uris.SHA256.equals(uri)) {
      return "SHA-256";
    }
    return null;
  }

  /** JCA name of an HMAC signature URI, or null. */
  public static String hmacName(String uri) {
    if (Uris.HMAC_SHA1.equals(uri)) {
      return "HmacSHA1";
    }
    if (Uris.HMAC_SHA256.equals(uri)) {
      return "HmacSHA256";
    }
    return null;
  }

  /** JCA name of an RSA signature URI, or null. */
  public static String rsaSignatureName(String uri) {
    if (Uris.RSA_SHA1.equals(uri)) {
      return "SHA1withRSA";
    }
    if (Uris.RSA_SHA256.equals(uri)) {
      return "SHA256withRSA";
    }
    return null;
  }

  public static MessageDigest digest(String jcaName) {
    Map<String, MessageDigest> digests = CACHE.get().digests;
    MessageDigest md = digests.get(jcaName);
    if (md == null) {
      try {
        md = MessageDigest.getInstance(jcaName);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(jcaName + " unavailable", e);
      }
      digests.put(jcaName, md);
    }
    md.reset();
    return md;
  }

  public static byte[] sha1(byte[] data) {
    return digest("SHA-1").digest(data);
  }

  public static byte[] hmac(String jcaName, byte[] key, byte[] data)
      throws GeneralSecurityException {
    Map<String, Mac> macs = CACHE.get().macs;
    Mac mac = macs.get(jcaName);
    if (mac == null) {
      mac = Mac.getInstance(jcaName);
      macs.put(jcaName, mac);
    }
    mac.init(new SecretKeySpec(key, jcaName));
    return mac.doFinal(data);
  }

  public static boolean rsaVerify(String jcaName, PublicKey key, byte[] data, byte[] sig)
      throws GeneralSecurityException {
    Signature s = signature(jcaName);
    s.initVerify(key);
    s.update(data);
    return s.verify(sig);
  }

  public static byte[] rsaSign(String jcaName, PrivateKey key, byte[] data, SecureRandom random)
      throws GeneralSecurityException {
    Signature s = signature(jcaName);
    s.initSign(key, random);
    s.update(data);
    return s.sign();
  }

  private static Signature signature(String jcaName) throws GeneralSecurityException {
    Map<String, Signature> signatures = CACHE.get().signatures;
    Signature s = signatures.get(jcaName);
    if (s == null) {
      s = Signature.getInstance(jcaName);
      signatures.put(jcaName, s);
    }
    return s;
  }

  private static Cipher cipher(String transformation) throws GeneralSecurityException {
    Map<String, Cipher> ciphers = CACHE.get().ciphers;
    Cipher c = ciphers.get(transformation);
    if (c == null) {
      c = Cipher.getInstance(transformation);
      ciphers.put(transformation, c);
    }
    return c;
  }

  /**
   * XML Encryption 1.1 section 5.2.1 (AES-CBC: IV || ciphertext, arbitrary padding bytes with the
   * pad length in the last byte) and 5.2.4 (AES-GCM: 96-bit IV || ciphertext || 128-bit tag).
   */
  public static byte[] decryptData(boolean gcm, byte[] key, byte[] data)
      throws GeneralSecurityException {
    SecretKeySpec k = new SecretKeySpec(key, "AES");
    if (gcm) {
      if (data.length < 12 + 16) {
        throw new GeneralSecurityException("failed");
      }
      Cipher c = cipher("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(128, data, 0, 12));
      return c.doFinal(data, 12, data.length - 12);
    }
    if (data.length < 32 || data.length % 16 != 0) {
      throw new GeneralSecurityException("failed");
    }
    Cipher c = cipher("AES/CBC/NoPadding");
    c.init(Cipher.DECRYPT_MODE, k, new IvParameterSpec(data, 0, 16));
    byte[] plain = c.doFinal(data, 16, data.length - 16);
    int pad = plain[plain.length - 1] & 0xff;
    if (pad < 1 || pad > 16) {
      throw new GeneralSecurityException("failed");
    }
    byte[] out = new byte[plain.length - pad];
    System.arraycopy(plain, 0, out, 0, out.length);
    return out;
  }

  /** Encrypts with a fresh random IV; output layout as {@link #decryptData}. */
  public static byte[] encryptData(boolean gcm, byte[] key, byte[] plain, SecureRandom random)
      throws GeneralSecurityException {
    SecretKeySpec k = new SecretKeySpec(key, "AES");
    if (gcm) {
      byte[] iv = new byte[12];
      random.nextBytes(iv);
      Cipher c = cipher("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, k, new GCMParameterSpec(128, iv));
      byte[] ct = c.doFinal(plain);
      byte[] out = new byte[12 + ct.length];
      System.arraycopy(iv, 0, out, 0, 12);
      System.arraycopy(ct, 0, out, 12, ct.length);
      return out;
    }
    byte[] iv = new byte[16];
    random.nextBytes(iv);
    int pad = 16 - (plain.length % 16);
    byte[] padded = new byte[plain.length + pad];
    System.arraycopy(plain, 0, padded, 0, plain.length);
    padded[padded.length - 1] = (byte) pad;
    Cipher c = cipher("AES/CBC/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(iv));
    byte[] out = new byte[16 + padded.length];
    System.arraycopy(iv, 0, out, 0, 16);
    c.doFinal(padded, 0, padded.length, out, 16);
    return out;
  }

  /** RSA-OAEP parameters for a digest and MGF1 digest (JCA names) and optional OAEPparams. */
  public static OAEPParameterSpec oaep(String digest, String mgfDigest, byte[] params) {
    return new OAEPParameterSpec(
        digest,
        "MGF1",
        "SHA-256".equals(mgfDigest) ? MGF1ParameterSpec.SHA256 : MGF1ParameterSpec.SHA1,
        params == null ? PSource.PSpecified.DEFAULT : new PSource.PSpecified(params));
  }

  public static byte[] rsaOaepUnwrap(PrivateKey key, OAEPParameterSpec spec, byte[] wrapped)
      throws GeneralSecurityException {
    Cipher c = cipher("RSA/ECB/OAEPPadding");
    c.init(Cipher.DECRYPT_MODE, key, spec);
    return c.doFinal(wrapped);
  }

  public static byte[] rsaOaepWrap(
      PublicKey key, OAEPParameterSpec spec, byte[] secret, SecureRandom random)
      throws GeneralSecurityException {
    Cipher c = cipher("RSA/ECB/OAEPPadding");
    c.init(Cipher.ENCRYPT_MODE, key, spec, random);
    return c.doFinal(secret);
  }

  public static byte[] rsa15Unwrap(PrivateKey key, byte[] wrapped) throws GeneralSecurityException {
    Cipher c = cipher("RSA/ECB/PKCS1Padding");
    c.init(Cipher.DECRYPT_MODE, key);
    return c.doFinal(wrapped);
  }

  public static byte[] rsa15Wrap(PublicKey key, byte[] secret, SecureRandom random)
      throws GeneralSecurityException {
    Cipher c = cipher("RSA/ECB/PKCS1Padding");
    c.init(Cipher.ENCRYPT_MODE, key, random);
    return c.doFinal(secret);
  }
}
