package org.parley.redis;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.parley.core.store.CreateOutcome;
import org.parley.core.store.ReplaceOutcome;
import org.parley.core.store.SecurityContextStore;
import org.parley.core.store.StoredSecurityContext;
import org.parley.core.store.StoredSecurityContextCodec;
import org.parley.core.store.Versioned;
import org.parley.redis.internal.RedisLink;
import org.parley.redis.internal.Sealing;
import org.parley.redis.internal.VersionedTable;

/**
 * A {@link SecurityContextStore} in Redis, shared by every node of a farm (WS-SecureConversation
 * 1.3 sections 3 to 6: a context issued on one node is used, renewed and cancelled on any). Each
 * context is sealed with the key ring (purpose {@value #PURPOSE}, bound to the context id) before
 * it leaves the process, so Redis never holds a context secret or a claim in the clear; ids and
 * owner keys appear only as SHA-256 hashes. Reads go through the near cache; renew and cancel reach
 * every node's near cache through pub/sub. Outages throw {@code StoreUnavailableException}.
 *
 * <p>Obtain from {@link RedisStores#securityContexts()}.
 */
public final class RedisSecurityContextStore implements SecurityContextStore {
  /** Sealing purpose (associated data) of a stored context. */
  public static final String PURPOSE = "parley-redis/security-context/v1";

  private final VersionedTable<StoredSecurityContext> table;

  RedisSecurityContextStore(RedisLink link, Sealing sealing, RedisSettings settings) {
    this.table =
        new VersionedTable<>(
            link,
            sealing,
            settings,
            new VersionedTable.Codec<>() {
              @Override
              public String id(StoredSecurityContext c) {
                return c.contextId();
              }

              @Override
              public String owner(StoredSecurityContext c) {
                return c.ownerKey();
              }

              @Override
              public Instant expires(StoredSecurityContext c) {
                return c.expires();
              }

              @Override
              public byte[] write(StoredSecurityContext c) {
                return StoredSecurityContextCodec.write(c);
              }

              @Override
              public Optional<StoredSecurityContext> read(String id, byte[] plaintext) {
                try {
                  StoredSecurityContext c = StoredSecurityContextCodec.read(plaintext);
                  return c.contextId().equals(id) ? Optional.of(c) : Optional.empty();
                } catch (StoredSecurityContextCodec.MalformedException e) {
                  return Optional.empty();
                }
              }
            },
            'c',
            PURPOSE,
            "security context store",
            settings.maxContexts());
  }

  @Override
  public CreateOutcome create(StoredSecurityContext context, int maxContextsPerOwner) {
    Objects.requireNonNull(context, "context");
    if (maxContextsPerOwner < 1) {
      throw new IllegalArgumentException(
          "maxContextsPerOwner must be positive, was " + maxContextsPerOwner);
    }
    return table.create(context, maxContextsPerOwner);
  }

  @Override
  public Optional<Versioned<StoredSecurityContext>> get(String contextId) {
    Objects.requireNonNull(contextId, "contextId");
    return table.get(contextId);
  }

  @Override
  public ReplaceOutcome replace(StoredSecurityContext context, long expectedVersion) {
    Objects.requireNonNull(context, "context");
    return table.replace(
        context,
        expectedVersion,
        "the owner of security context " + context.contextId() + " cannot change");
  }

  @Override
  public boolean remove(String contextId) {
    Objects.requireNonNull(contextId, "contextId");
    return table.remove(contextId);
  }

  @Override
  public int countByOwner(String ownerKey) {
    Objects.requireNonNull(ownerKey, "ownerKey");
    return table.countByOwner(ownerKey);
  }
}
