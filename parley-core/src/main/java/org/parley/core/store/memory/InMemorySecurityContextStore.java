package org.parley.core.store.memory;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.parley.core.store.CreateOutcome;
import org.parley.core.store.ReplaceOutcome;
import org.parley.core.store.SecurityContextStore;
import org.parley.core.store.StoredSecurityContext;
import org.parley.core.store.Versioned;

/**
 * A {@link SecurityContextStore} in this process's memory (Caffeine): each context is forgotten at
 * its own {@code expires}; at most {@code maxContexts} are held, and creates beyond that are
 * refused ({@link CreateOutcome#STORE_FULL}), never made room for by evicting a live context.
 * Thread-safe; creates are serialized (issuing a context follows an expensive bootstrap, so they
 * are rare) which makes the per-owner limit exact.
 */
public final class InMemorySecurityContextStore implements SecurityContextStore {
  /** Default for {@link Builder#maxContexts}. */
  public static final int DEFAULT_MAX_CONTEXTS = 10_000;

  private final ExpiringTable<StoredSecurityContext> table;
  private final OwnerIndex byOwner = new OwnerIndex();
  private final ReentrantLock createLock = new ReentrantLock();

  private InMemorySecurityContextStore(Builder b) {
    this.table =
        new ExpiringTable<>(
            b.clock, b.maxContexts, (id, ctx) -> byOwner.removeId(ctx.ownerKey(), id));
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public CreateOutcome create(StoredSecurityContext context, int maxContextsPerOwner) {
    Objects.requireNonNull(context, "context");
    if (maxContextsPerOwner < 1) {
      throw new IllegalArgumentException(
          "maxContextsPerOwner must be positive, was " + maxContextsPerOwner);
    }
    createLock.lock();
    try {
      if (table.getLive(context.contextId()) != null) {
        return CreateOutcome.ALREADY_EXISTS;
      }
      if (countByOwner(context.ownerKey()) >= maxContextsPerOwner) {
        return CreateOutcome.OWNER_LIMIT_REACHED;
      }
      return switch (table.insert(context.contextId(), context, context.expires())) {
        case INSERTED -> {
          byOwner.add(context.ownerKey(), context.contextId());
          yield CreateOutcome.CREATED;
        }
        case EXISTS -> CreateOutcome.ALREADY_EXISTS;
        case FULL -> CreateOutcome.STORE_FULL;
      };
    } finally {
      createLock.unlock();
    }
  }

  @Override
  public Optional<Versioned<StoredSecurityContext>> get(String contextId) {
    Objects.requireNonNull(contextId, "contextId");
    ExpiringTable.Entry<StoredSecurityContext> e = table.getLive(contextId);
    return e == null ? Optional.empty() : Optional.of(new Versioned<>(e.value(), e.version()));
  }

  @Override
  public ReplaceOutcome replace(StoredSecurityContext context, long expectedVersion) {
    Objects.requireNonNull(context, "context");
    return table.replace(
        context.contextId(),
        expectedVersion,
        context,
        context.expires(),
        (old, updated) -> {
          if (!old.ownerKey().equals(updated.ownerKey())) {
            throw new IllegalArgumentException(
                "the owner of security context " + old.contextId() + " cannot change");
          }
        });
  }

  @Override
  public boolean remove(String contextId) {
    Objects.requireNonNull(contextId, "contextId");
    return table.remove(contextId);
  }

  @Override
  public int countByOwner(String ownerKey) {
    Objects.requireNonNull(ownerKey, "ownerKey");
    return byOwner.liveIds(ownerKey, this::isLiveFor).size();
  }

  private boolean isLiveFor(String contextId, String ownerKey) {
    ExpiringTable.Entry<StoredSecurityContext> e = table.getLive(contextId);
    return e != null && e.value().ownerKey().equals(ownerKey);
  }

  public static final class Builder {
    private Clock clock;
    private int maxContexts = DEFAULT_MAX_CONTEXTS;

    private Builder() {}

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Most contexts held; creates beyond it answer {@link CreateOutcome#STORE_FULL}. */
    public Builder maxContexts(int maxContexts) {
      if (maxContexts < 1) {
        throw new IllegalArgumentException("maxContexts must be positive, was " + maxContexts);
      }
      this.maxContexts = maxContexts;
      return this;
    }

    public InMemorySecurityContextStore build() {
      if (clock == null) {
        throw new IllegalStateException("clock is required (Builder.clock)");
      }
      return new InMemorySecurityContextStore(this);
    }
  }
}
