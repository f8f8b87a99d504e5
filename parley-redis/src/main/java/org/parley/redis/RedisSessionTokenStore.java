package org.parley.redis;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.parley.core.store.CreateOutcome;
import org.parley.core.store.ReplaceOutcome;
import org.parley.core.store.SessionTokenStore;
import org.parley.core.store.StoredSession;
import org.parley.core.store.Versioned;
import org.parley.redis.internal.RedisLink;
import org.parley.redis.internal.Sealing;
import org.parley.redis.internal.VersionedTable;

/**
 * A {@link SessionTokenStore} in Redis: reference-mode web sessions and the session module's
 * revocation marks ("signed out everywhere at"), shared by the farm. Each entry is sealed with the
 * key ring (purpose {@value #PURPOSE}, bound to the session id); session ids and user keys appear
 * in Redis only as SHA-256 hashes. Sign-out ({@link #remove}, {@link #removeAllForUser}) reaches
 * every node's near cache through pub/sub. Outages throw {@code StoreUnavailableException}.
 *
 * <p>Obtain from {@link RedisStores#sessionTokens()}.
 */
public final class RedisSessionTokenStore implements SessionTokenStore {
  /** Sealing purpose (associated data) of a stored session. */
  public static final String PURPOSE = "parley-redis/session/v1";

  private static final byte FORMAT = 1;

  private final VersionedTable<StoredSession> table;

  RedisSessionTokenStore(RedisLink link, Sealing sealing, RedisSettings settings) {
    this.table =
        new VersionedTable<>(
            link,
            sealing,
            settings,
            new VersionedTable.Codec<>() {
              @Override
              public String id(StoredSession s) {
                return s.sessionId();
              }

              @Override
              public String owner(StoredSession s) {
                return s.userKey();
              }

              @Override
              public Instant expires(StoredSession s) {
                return s.expires();
              }

              @Override
              public byte[] write(StoredSession s) {
                return encode(s);
              }

              @Override
              public Optional<StoredSession> read(String id, byte[] plaintext) {
                return decode(id, plaintext);
              }
            },
            's',
            PURPOSE,
            "session store",
            settings.maxSessions());
  }

  /*
   * u8 format (1); str userKey (DataOutput.writeUTF); i64 epoch second, i32 nano of expires;
   * the sealed token, to the end.
   */
  private static byte[] encode(StoredSession s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeUTF(s.userKey());
      out.writeLong(s.expires().getEpochSecond());
      out.writeInt(s.expires().getNano());
      out.write(s.sealedToken());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static Optional<StoredSession> decode(String id, byte[] plaintext) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plaintext))) {
      if (in.readByte() != FORMAT) {
        return Optional.empty();
      }
      String user = in.readUTF();
      Instant expires = Instant.ofEpochSecond(in.readLong(), in.readInt());
      byte[] token = in.readAllBytes();
      return Optional.of(StoredSession.of(id, user, token, expires));
    } catch (IOException | DateTimeException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public CreateOutcome create(StoredSession session) {
    Objects.requireNonNull(session, "session");
    return table.create(session, 0);
  }

  @Override
  public Optional<Versioned<StoredSession>> get(String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    return table.get(sessionId);
  }

  @Override
  public ReplaceOutcome replace(StoredSession session, long expectedVersion) {
    Objects.requireNonNull(session, "session");
    return table.replace(session, expectedVersion, "the user of a stored session cannot change");
  }

  @Override
  public boolean remove(String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    return table.remove(sessionId);
  }

  @Override
  public int removeAllForUser(String userKey) {
    Objects.requireNonNull(userKey, "userKey");
    return table.removeAllForOwner(userKey);
  }
}
