/**
 * A secure conversation service: one endpoint that answers WS-Trust RST/SCT Issue, Renew and Cancel
 * (WS-SecureConversation 1.3 sections 3, 5 and 6, WS-Trust 1.3 sections 4, 7 and 8, and their
 * February 2005 forms) and application messages protected with keys derived from the security
 * context (WS-SC 1.3 section 7, WS-SP 1.2 section 7.4), exposed as a parley-endpoint {@code
 * SoapEndpoint} that any binding (parley-http's servlet or Jetty host) serves.
 *
 * <p>Context modes ({@link org.parley.conversation.service.ContextMode}):
 *
 * <ul>
 *   <li>Session mode keeps each context in a {@code SecurityContextStore}. A renewal (section 5)
 *       gives the context a new {@code wsc:Instance} and key; the previous key is kept as its own
 *       store entry that lives exactly {@code keyRolloverInterval} (WCF's
 *       SessionKeyRolloverInterval, 5 minutes), so both keys verify during the rollover and the old
 *       one is {@code wsc:BadContextToken} afterwards. WCF's quotas of {@code
 *       SecuritySessionServerSettings} apply: {@code maxPendingSessions} (128) issued contexts not
 *       yet used by an application message, beyond which Issue is refused with {@code
 *       wst:RequestFailed} (WS-Trust 1.3 section 11) and nothing is stored, and {@code
 *       inactivityTimeout} (2 minutes), after which an unused context is dropped. Both are kept per
 *       node; a node removes idle contexts from the store only when the store is its own in-memory
 *       one, since with a store shared by a farm one node cannot see the traffic of the others
 *       (there the context lifetime bounds idle contexts).
 *   <li>Cookie mode stores nothing per context: the secret, identity, lifetimes and key instance
 *       are sealed with the farm's {@code KeyRing} into the SCT's {@code dnse:Cookie} (WCF's
 *       namespace {@code http://schemas.microsoft.com/ws/2006/05/security}), which the client
 *       returns in the Security header of every message; any instance with the ring opens it. What
 *       a stateless service must still remember is kept in a bounded {@code RevocationList},
 *       shareable by a farm like the replay cache: a cancelled context's Identifier (section 6),
 *       refused from the cancel until its cookie would have expired anyway, and a renewed context's
 *       superseded instance, refused from {@code keyRolloverInterval} after the renewal until that
 *       cookie expires. Each entry's time to live is the remaining lifetime of the cookie, so the
 *       list never outgrows the live cookies; at capacity it refuses the cancel ({@code
 *       wst:RequestFailed}) rather than forget. A tampered, foreign-ring, expired, cancelled or
 *       superseded cookie is {@code wsc:BadContextToken} (section 9). Without the cookie a
 *       stateless service cannot resolve a context, so a Renew or Cancel under the bootstrap must
 *       carry the SCT itself (inline, as CXF sends it). Pending-session and inactivity quotas need
 *       per-context state and do not apply.
 * </ul>
 */
package org.parley.conversation.service;
