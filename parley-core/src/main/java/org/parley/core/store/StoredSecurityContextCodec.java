package org.parley.core.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import org.parley.core.SecretBytes;
import org.parley.core.claims.BootstrapToken;
import org.parley.core.claims.Claim;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.claims.ClaimsPrincipal;

/**
 * A typed, versioned binary form of a {@link StoredSecurityContext}, for backends and carriers that
 * keep a context outside this process: the plaintext of a cookie-mode SCT before sealing, and of a
 * Redis entry before sealing. Every count and length is checked against a bound before anything is
 * allocated, and trailing bytes are refused.
 *
 * <pre>
 * u8   payload version (1)
 * str  contextId          str = u16 length + modified UTF-8 (DataOutput.writeUTF)
 * u8   has instance; str instance
 * str  ownerKey
 * time created, expires, keyEffective, keyExpiry     time = i64 epoch second + i32 nano
 * u16  secret length; bytes
 * u8   has principal; u8 identity count; identity*
 *   identity = u8 has authType; str authType; str nameClaimType; str roleClaimType;
 *              u16 claim count; (str type, str value, str valueType, str issuer, str origIssuer)*;
 *              u8 has bootstrap; str tokenType; i32 length; bytes;
 *              u8 has actor; identity
 * </pre>
 */
public final class StoredSecurityContextCodec {
  public static final byte VERSION = 1;
  public static final int MAX_SECRET_BYTES = 512;
  public static final int MAX_CLAIMS_PER_IDENTITY = 1024;

  private StoredSecurityContextCodec() {}

  /** Thrown for any malformed payload; callers turn it into one generic fault. */
  public static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  public static byte[] write(StoredSecurityContext c) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeUTF(c.contextId());
      out.writeBoolean(c.instance().isPresent());
      if (c.instance().isPresent()) {
        out.writeUTF(c.instance().get());
      }
      out.writeUTF(c.ownerKey());
      time(out, c.created());
      time(out, c.expires());
      time(out, c.keyEffective());
      time(out, c.keyExpiry());
      byte[] secret = c.secret().toByteArray();
      out.writeShort(secret.length);
      out.write(secret);
      java.util.Arrays.fill(secret, (byte) 0);
      out.writeBoolean(c.principal().isPresent());
      if (c.principal().isPresent()) {
        var ids = c.principal().get().identities();
        out.writeByte(ids.size());
        for (ClaimsIdentity id : ids) {
          identity(out, id);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static StoredSecurityContext read(byte[] payload) throws MalformedException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      if (in.readByte() != VERSION) {
        throw new MalformedException("unknown payload version");
      }
      StoredSecurityContext.Builder b = StoredSecurityContext.builder();
      b.contextId(in.readUTF());
      if (in.readBoolean()) {
        b.instance(in.readUTF());
      }
      b.ownerKey(in.readUTF());
      b.lifetime(time(in), time(in));
      b.keyLifetime(time(in), time(in));
      int secretLength = in.readUnsignedShort();
      if (secretLength < 1 || secretLength > MAX_SECRET_BYTES) {
        throw new MalformedException("secret length out of range");
      }
      byte[] secret = new byte[secretLength];
      in.readFully(secret);
      b.secret(SecretBytes.wrapOwned(secret));
      if (in.readBoolean()) {
        int n = in.readUnsignedByte();
        if (n > ClaimsPrincipal.Builder.MAX_IDENTITIES) {
          throw new MalformedException("too many identities");
        }
        ClaimsPrincipal.Builder p = ClaimsPrincipal.builder();
        for (int i = 0; i < n; i++) {
          p.addIdentity(identity(in, 0));
        }
        b.principal(p.build());
      }
      if (in.read() != -1) {
        throw new MalformedException("trailing bytes");
      }
      return b.build();
    } catch (IOException | RuntimeException e) {
      // EOF, bad UTF, or a builder refusing a value: all mean a malformed payload.
      throw new MalformedException("malformed payload: " + e.getClass().getSimpleName());
    }
  }

  private static void identity(DataOutputStream out, ClaimsIdentity id) throws IOException {
    out.writeBoolean(id.authenticationType().isPresent());
    if (id.authenticationType().isPresent()) {
      out.writeUTF(id.authenticationType().get());
    }
    out.writeUTF(id.nameClaimType());
    out.writeUTF(id.roleClaimType());
    out.writeShort(id.claims().size());
    for (Claim c : id.claims()) {
      out.writeUTF(c.type());
      out.writeUTF(c.value());
      out.writeUTF(c.valueType());
      out.writeUTF(c.issuer());
      out.writeUTF(c.originalIssuer());
    }
    out.writeBoolean(id.bootstrapToken().isPresent());
    if (id.bootstrapToken().isPresent()) {
      BootstrapToken t = id.bootstrapToken().get();
      out.writeUTF(t.tokenType());
      byte[] s = t.serializedForm();
      out.writeInt(s.length);
      out.write(s);
    }
    out.writeBoolean(id.actor().isPresent());
    if (id.actor().isPresent()) {
      identity(out, id.actor().get());
    }
  }

  private static ClaimsIdentity identity(DataInputStream in, int depth)
      throws IOException, MalformedException {
    if (depth > ClaimsIdentity.MAX_ACTOR_DEPTH) {
      throw new MalformedException("actor chain too deep");
    }
    ClaimsIdentity.Builder b = ClaimsIdentity.builder();
    if (in.readBoolean()) {
      b.authenticationType(in.readUTF());
    }
    b.nameClaimType(in.readUTF());
    b.roleClaimType(in.readUTF());
    int claims = in.readUnsignedShort();
    if (claims > MAX_CLAIMS_PER_IDENTITY) {
      throw new MalformedException("too many claims");
    }
    for (int i = 0; i < claims; i++) {
      String type = in.readUTF();
      String value = in.readUTF();
      b.addClaim(
          Claim.builder(type, value)
              .valueType(in.readUTF())
              .issuer(in.readUTF())
              .originalIssuer(in.readUTF())
              .build());
    }
    if (in.readBoolean()) {
      String type = in.readUTF();
      int length = in.readInt();
      // The whole payload is bounded by the cookie limit, so available() bounds the length.
      if (length < 0 || length > in.available()) {
        throw new MalformedException("bootstrap token length out of range");
      }
      byte[] s = new byte[length];
      in.readFully(s);
      b.bootstrapToken(BootstrapToken.of(type, s));
    }
    if (in.readBoolean()) {
      b.actor(identity(in, depth + 1));
    }
    return b.build();
  }

  private static void time(DataOutputStream out, Instant t) throws IOException {
    out.writeLong(t.getEpochSecond());
    out.writeInt(t.getNano());
  }

  private static Instant time(DataInputStream in) throws IOException, MalformedException {
    long s = in.readLong();
    int n = in.readInt();
    try {
      return Instant.ofEpochSecond(s, n);
    } catch (DateTimeException e) {
      throw new MalformedException("instant out of range");
    }
  }
}
