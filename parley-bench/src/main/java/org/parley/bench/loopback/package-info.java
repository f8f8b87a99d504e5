/**
 * Loopback comparisons of Parley and Apache CXF 4.1.5 in one JVM, both as client and service of the
 * same DoubleIt contract: WS-SecureConversation 1.3 (OASIS ws-sx 200512) and February 2005 contexts
 * bootstrapped with X.509 under WS-SecurityPolicy 1.2/1.1 (sections 7.3 and 7.5), application
 * messages protected with derived keys (WS-SC 1.3 section 7), and per-message X.509 protection
 * (WS-Security 1.1 X.509 token profile) as the baseline.
 */
package org.parley.bench.loopback;
