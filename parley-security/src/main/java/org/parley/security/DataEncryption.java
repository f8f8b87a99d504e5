package org.parley.security;

import org.parley.security.internal.Uris;

/** Block encryption of message parts (XML Encryption 1.1 section 5.2). */
public enum DataEncryption {
  AES128_CBC(Uris.AES128_CBC, 16, false),
  AES192_CBC(Uris.AES192_CBC, 24, false),
  AES256_CBC(Uris.AES256_CBC, 32, false),
  AES128_GCM(Uris.AES128_GCM, 16, true),
  AES192_GCM(Uris.AES192_GCM, 24, true),
  AES256_GCM(Uris.AES256_GCM, 32, true);

  private final String uri;
  private final int keyLengthBytes;
  private final boolean gcm;

  DataEncryption(String uri, int keyLengthBytes, boolean gcm) {
    this.uri = uri;
    this.keyLengthBytes = keyLengthBytes;
    this.gcm = gcm;
  }

  public String uri() {
    return uri;
  }

  public int keyLengthBytes() {
    return keyLengthBytes;
  }

  public boolean isGcm() {
    return gcm;
  }

  /** The algorithm with this URI, or null. */
  public static DataEncryption fromUri(String uri) {
    for (DataEncryption d : values()) {
      if (d.uri.equals(uri)) {
        return d;
      }
    }
    return null;
  }
}
