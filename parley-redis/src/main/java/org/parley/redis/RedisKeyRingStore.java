package org.parley.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.parley.core.SecretBytes;
import org.parley.core.keys.KeyRing;
import org.parley.core.keys.OpenFailedException;
import org.parley.core.keys.RingKey;
import org.parley.core.store.KeyRingStore;
import org.parley.core.store.StoreUnavailableException;
import org.parley.core.store.Versioned;
import org.parley.redis.internal.Encoding;
import org.parley.redis.internal.LuaScript;
import org.parley.redis.internal.RedisLink;

/**
 * A {@link KeyRingStore} in Redis: the farm's key ring as one Redis hash (version and sealed keys),
 * saved by a compare-and-set Lua script, so of nodes rotating at the same moment exactly one adds a
 * key and the others reload it ({@link org.parley.core.store.KeyRingRotator}). The keys are sealed
 * under a wrapping key every node is configured with (AES-256-GCM, purpose {@value #PURPOSE}): a
 * dump of Redis holds no key material. Each save publishes a ring-changed message, on which {@link
 * FarmKeyRing} reloads at once.
 *
 * <p>Obtain from {@link RedisStores#keyRingStore(SecretBytes)}.
 */
public final class RedisKeyRingStore implements KeyRingStore {
  public static final String PURPOSE = "parley-redis/key-ring/v1";

  /** Most keys a stored ring may hold (a rotation keeps two or three). */
  public static final int MAX_KEYS = 64;

  private static final byte FORMAT = 1;
  private static final String WRAPPING_KEY_ID = "wrap";

  private static final LuaScript SAVE =
      LuaScript.of(
          """
          local v = redis.call('HGET', KEYS[1], 'v')
          if not v then v = '0' end
          if v ~= ARGV[1] then return 0 end
          redis.call('HSET', KEYS[1], 'v', tostring(tonumber(v) + 1), 'd', ARGV[2])
          redis.call('PUBLISH', ARGV[3], 'k:ring')
          return 1
          """);

  private final RedisLink link;
  private final KeyRing wrapping;
  private final String key;

  RedisKeyRingStore(RedisLink link, RedisSettings settings, SecretBytes wrappingKey) {
    Objects.requireNonNull(wrappingKey, "wrappingKey");
    if (wrappingKey.lengthBytes() != RingKey.KEY_BYTES) {
      throw new IllegalArgumentException(
          "the key ring's wrapping key must be RingKey.KEY_BYTES ("
              + RingKey.KEY_BYTES
              + ") bytes, was "
              + wrappingKey.lengthBytes());
    }
    this.link = link;
    this.wrapping =
        KeyRing.of(
            Clock.systemUTC(),
            List.of(RingKey.of(WRAPPING_KEY_ID, wrappingKey, Instant.EPOCH, Instant.MAX)));
    this.key = "{" + settings.keyPrefix() + ":k}:ring";
  }

  /** Registers {@code onChange} to run when any node saves the ring. */
  void onChange(Runnable onChange) {
    link.onInvalidation('k', m -> onChange.run(), () -> {});
  }

  @Override
  public Versioned<List<RingKey>> load() {
    List<KeyValue<String, byte[]>> f = link.call("key ring load", c -> c.hmget(key, "v", "d"));
    if (f.size() != 2 || !f.get(0).hasValue() || !f.get(1).hasValue()) {
      return new Versioned<>(List.of(), Versioned.NONE);
    }
    try {
      long version = Long.parseLong(new String(f.get(0).getValue(), StandardCharsets.US_ASCII));
      byte[] plain = wrapping.open(f.get(1).getValue(), ad());
      return new Versioned<>(decode(plain), version);
    } catch (OpenFailedException | IOException | RuntimeException e) {
      // Another wrapping key, or tampering: this node cannot use the farm's ring. Not an outage
      // that goes away by itself, but refusing service is the only safe answer.
      throw new StoreUnavailableException(
          "key ring load failed: the stored ring does not open with this node's wrapping key"
              + " (RedisStores.keyRingStore)");
    }
  }

  @Override
  public boolean save(List<RingKey> keys, long expectedVersion) {
    Objects.requireNonNull(keys, "keys");
    if (keys.size() > MAX_KEYS) {
      throw new IllegalArgumentException(
          "a key ring holds at most RedisKeyRingStore.MAX_KEYS (" + MAX_KEYS + ") keys");
    }
    byte[] sealed = wrapping.seal(encode(List.copyOf(keys)), ad());
    Long r =
        link.eval(
            SAVE,
            ScriptOutputType.INTEGER,
            "key ring save",
            new String[] {key},
            Encoding.utf8(expectedVersion),
            sealed,
            Encoding.utf8(link.channel()));
    return r == 1;
  }

  private byte[] ad() {
    return (PURPOSE + '\0' + key).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] encode(List<RingKey> keys) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 64 * keys.size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeShort(keys.size());
      for (RingKey k : keys) {
        out.writeUTF(k.keyId());
        out.writeLong(k.activation().getEpochSecond());
        out.writeInt(k.activation().getNano());
        out.writeLong(k.expiry().getEpochSecond());
        out.writeInt(k.expiry().getNano());
        byte[] material = k.key().toByteArray();
        out.write(material);
        java.util.Arrays.fill(material, (byte) 0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static List<RingKey> decode(byte[] plain) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain));
    if (in.readByte() != FORMAT) {
      throw new IOException("unknown key ring format");
    }
    int n = in.readUnsignedShort();
    if (n > MAX_KEYS) {
      throw new IOException("too many keys");
    }
    List<RingKey> keys = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String id = in.readUTF();
      Instant activation = Instant.ofEpochSecond(in.readLong(), in.readInt());
      Instant expiry = Instant.ofEpochSecond(in.readLong(), in.readInt());
      byte[] material = new byte[RingKey.KEY_BYTES];
      in.readFully(material);
      keys.add(RingKey.of(id, SecretBytes.wrapOwned(material), activation, expiry));
    }
    if (in.read() != -1) {
      throw new IOException("trailing bytes");
    }
    return List.copyOf(keys);
  }
}
