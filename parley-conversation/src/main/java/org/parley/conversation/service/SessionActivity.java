package org.parley.conversation.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Session-mode quotas after WCF's {@code SecuritySessionServerSettings}: how many issued contexts
 * are still pending (never used by an application message) and when each context was last used, so
 * that a context idle for {@code inactivityTimeout} is dropped. Entries exist only for contexts
 * used or issued within the last {@code inactivityTimeout}: a sweep (at most once per timeout, and
 * when the pending quota is reached) drops the others, so memory follows the active contexts.
 *
 * <p>Per node: what one node sees says nothing about a context other nodes of a farm serve from a
 * shared store, so contexts are dropped from the store only when {@code drop} is given (the
 * service's own in-memory store). Without it the quota still bounds what this node issues, and an
 * entry idle for the timeout is only forgotten here. Thread-safe.
 */
final class SessionActivity {
  private static final class Entry {
    volatile Instant lastUsed;
    boolean pending;

    Entry(Instant lastUsed, boolean pending) {
      this.lastUsed = lastUsed;
      this.pending = pending;
    }
  }

  private final Duration inactivityTimeout;
  private final int maxPendingSessions;
  private final Consumer<String> drop;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private int pending;
  private Instant nextSweep = Instant.MIN;

  /**
   * @param drop removes a context from the store when it is dropped for inactivity; null when the
   *     store may be shared, so that idleness seen by this node never removes a context
   */
  SessionActivity(Duration inactivityTimeout, int maxPendingSessions, Consumer<String> drop) {
    this.inactivityTimeout = inactivityTimeout;
    this.maxPendingSessions = maxPendingSessions;
    this.drop = drop;
  }

  /**
   * Runs {@code issue} if a pending slot is free (after dropping inactive contexts), and records
   * the issued context as pending. Returns false, issuing nothing, when the quota is reached.
   */
  synchronized <E extends Exception> boolean issuePending(Instant now, IssueStep<E> issue)
      throws E {
    if (pending >= maxPendingSessions || !now.isBefore(nextSweep)) {
      sweep(now);
    }
    if (pending >= maxPendingSessions) {
      return false;
    }
    String id = issue.run();
    if (id != null) {
      entries.put(id, new Entry(now, true));
      pending++;
    }
    return true;
  }

  /** The issue step: stores the context and returns its id, or null when nothing was stored. */
  @FunctionalInterface
  interface IssueStep<E extends Exception> {
    String run() throws E;
  }

  /**
   * Records a use of context {@code id} at {@code now}. False when the context had been idle for
   * {@code inactivityTimeout} or longer: it is dropped (store included) and must be refused.
   */
  boolean touch(String id, Instant now) {
    boolean alive = touchOne(id, now);
    maybeSweep(now);
    return alive;
  }

  private boolean touchOne(String id, Instant now) {
    Entry e = entries.get(id);
    if (e == null) {
      entries.putIfAbsent(id, new Entry(now, false));
      return true;
    }
    synchronized (this) {
      if (entries.get(id) != e) {
        // Swept meanwhile: it was idle too long.
        return false;
      }
      if (!now.isBefore(e.lastUsed.plus(inactivityTimeout)) && drop != null) {
        remove(id, e);
        drop.accept(id);
        return false;
      }
      if (e.pending) {
        e.pending = false;
        pending--;
      }
      e.lastUsed = now;
      return true;
    }
  }

  /** Forgets {@code id} (cancelled). */
  synchronized void forget(String id) {
    Entry e = entries.get(id);
    if (e != null) {
      remove(id, e);
    }
  }

  synchronized int pendingCount() {
    return pending;
  }

  int trackedCount() {
    return entries.size();
  }

  private void maybeSweep(Instant now) {
    Instant due;
    synchronized (this) {
      due = nextSweep;
    }
    if (!now.isBefore(due)) {
      synchronized (this) {
        sweep(now);
      }
    }
  }

  /** Drops every context idle for {@code inactivityTimeout}. Caller holds the lock. */
  private void sweep(Instant now) {
    for (Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Entry> me = it.next();
      Entry e = me.getValue();
      if (!now.isBefore(e.lastUsed.plus(inactivityTimeout))) {
        it.remove();
        if (e.pending) {
          pending--;
        }
        if (drop != null) {
          drop.accept(me.getKey());
        }
      }
    }
    nextSweep = now.plus(inactivityTimeout);
  }

  private void remove(String id, Entry e) {
    if (entries.remove(id, e) && e.pending) {
      pending--;
    }
  }
}
