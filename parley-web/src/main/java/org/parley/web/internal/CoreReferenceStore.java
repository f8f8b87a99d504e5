package org.parley.web.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.parley.core.store.CreateOutcome;
import org.parley.core.store.ReplaceOutcome;
import org.parley.core.store.SessionTokenStore;
import org.parley.core.store.StoredSession;
import org.parley.core.store.Versioned;

/** {@link ReferenceStore} over the core {@link SessionTokenStore} SPI. */
public final class CoreReferenceStore implements ReferenceStore {
  /** Compare-and-set rounds for {@link #put} before giving up under contention. */
  static final int MAX_PUT_ATTEMPTS = 8;

  private final SessionTokenStore store;

  public CoreReferenceStore(SessionTokenStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public void create(String id, String ownerHash, byte[] sealed, Instant expires) {
    CreateOutcome outcome = store.create(StoredSession.of(id, ownerHash, sealed, expires));
    if (!outcome.created()) {
      // A store never silently ignores a write; neither does the session module.
      throw new IllegalStateException("the session store refused the session: " + outcome);
    }
  }

  @Override
  public void put(String id, String ownerHash, byte[] sealed, Instant expires) {
    StoredSession s = StoredSession.of(id, ownerHash, sealed, expires);
    for (int i = 0; i < MAX_PUT_ATTEMPTS; i++) {
      CreateOutcome created = store.create(s);
      if (created.created()) {
        return;
      }
      if (created != CreateOutcome.ALREADY_EXISTS) {
        throw new IllegalStateException("the session store refused the entry: " + created);
      }
      Optional<Versioned<StoredSession>> current = store.get(id);
      if (current.isEmpty()) {
        continue; // expired or removed in between: create again
      }
      ReplaceOutcome replaced = store.replace(s, current.get().version());
      if (replaced.replaced()) {
        return;
      }
    }
    throw new IllegalStateException(
        "the session store entry kept changing (" + MAX_PUT_ATTEMPTS + " attempts)");
  }

  @Override
  public Optional<byte[]> get(String id) {
    if (id.isEmpty() || id.length() > StoredSession.MAX_ID_CHARS) {
      return Optional.empty();
    }
    return store.get(id).map(v -> v.value().sealedToken());
  }

  @Override
  public boolean remove(String id) {
    return store.remove(id);
  }

  @Override
  public void expireBy(String id, Instant expires) {
    for (int i = 0; i < MAX_PUT_ATTEMPTS; i++) {
      Optional<Versioned<StoredSession>> current = store.get(id);
      if (current.isEmpty() || !current.get().value().expires().isAfter(expires)) {
        return;
      }
      StoredSession old = current.get().value();
      StoredSession shorter = StoredSession.of(id, old.userKey(), old.sealedToken(), expires);
      if (store.replace(shorter, current.get().version()) != ReplaceOutcome.VERSION_MISMATCH) {
        return;
      }
    }
  }

  @Override
  public int removeAllForOwner(String ownerHash) {
    return store.removeAllForUser(ownerHash);
  }
}
