/**
 * The farm bench (issue 5): three Parley nodes as separate processes, one Redis, a balancer and
 * concurrent WS-SecureConversation clients; throughput, latency and Redis commands per secured
 * call, in session mode (WS-SC 1.3 section 3, state in the store) and cookie mode (state in the
 * token).
 */
package org.parley.bench.farm;
