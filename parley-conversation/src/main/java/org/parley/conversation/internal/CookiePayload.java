package org.parley.conversation.internal;

import org.parley.core.store.StoredSecurityContext;
import org.parley.core.store.StoredSecurityContextCodec;

/**
 * The plaintext of a cookie-mode SCT, before sealing: the binary form of {@link
 * StoredSecurityContextCodec} (kept in parley-core so that store backends share it).
 */
public final class CookiePayload {
  public static final byte VERSION = StoredSecurityContextCodec.VERSION;
  public static final int MAX_SECRET_BYTES = StoredSecurityContextCodec.MAX_SECRET_BYTES;
  public static final int MAX_CLAIMS_PER_IDENTITY =
      StoredSecurityContextCodec.MAX_CLAIMS_PER_IDENTITY;

  private CookiePayload() {}

  /** Thrown for any malformed payload; callers turn it into one generic fault. */
  public static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  public static byte[] write(StoredSecurityContext c) {
    return StoredSecurityContextCodec.write(c);
  }

  public static StoredSecurityContext read(byte[] payload) throws MalformedException {
    try {
      return StoredSecurityContextCodec.read(payload);
    } catch (StoredSecurityContextCodec.MalformedException e) {
      throw new MalformedException(e.getMessage());
    }
  }
}
