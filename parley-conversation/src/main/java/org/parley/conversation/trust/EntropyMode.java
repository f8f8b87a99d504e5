package org.parley.conversation.trust;

/**
 * Who supplies the key material of an issued SCT (WS-Trust 1.3 sections 4.4.3, 4.4.4; WS-SP 1.2
 * section 5.4.11, {@code sp:RequireClientEntropy} / {@code sp:RequireServerEntropy}).
 */
public enum EntropyMode {
  /** The requestor's entropy is the key; the issuer returns no proof token. */
  CLIENT,
  /** The issuer generates the key and returns it in {@code wst:RequestedProofToken}. */
  SERVER,
  /** Both send entropy; the key is P_SHA1(requestor entropy, issuer entropy) ({@code CK/PSHA1}). */
  COMBINED
}
