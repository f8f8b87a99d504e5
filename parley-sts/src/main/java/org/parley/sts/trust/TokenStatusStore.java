package org.parley.sts.trust;

import java.time.Instant;
import java.util.Optional;
import org.parley.core.fault.ParleyFault;

/**
 * What the WS-Trust endpoint remembers about the assertions it issued, by assertion ID: which were
 * cancelled (WS-Trust 1.3 section 6) and which may be renewed, and on what terms (section 5). Each
 * entry lives until the given instant; a store at capacity refuses (fails closed) with {@code
 * wst:RequestFailed} rather than forget a live entry. Implementations are thread-safe.
 */
public interface TokenStatusStore {
  /** The renewal terms a token was issued with (WS-Trust 1.3 section 5, {@code wst:Renewing}). */
  record RenewalTerms(boolean renewableAfterExpiry) {}

  /**
   * Records that {@code assertionId} is cancelled until {@code until} (its NotOnOrAfter plus skew).
   *
   * @return true if it was cancelled now, false if it already was
   * @throws ParleyFault {@code wst:RequestFailed} when the store is full
   */
  boolean cancel(String assertionId, Instant until) throws ParleyFault;

  boolean isCancelled(String assertionId);

  /**
   * Records that {@code assertionId} may be renewed on {@code terms} until {@code until}.
   *
   * @throws ParleyFault {@code wst:RequestFailed} when the store is full
   */
  void rememberRenewable(String assertionId, RenewalTerms terms, Instant until) throws ParleyFault;

  /** The terms {@code assertionId} was issued with; empty when it is not renewable. */
  Optional<RenewalTerms> renewalTerms(String assertionId);
}
