/**
 * Loopback throughput of WS-ReliableMessaging 1.2 inside a WS-SecureConversation 1.3 context next
 * to the secure conversation alone.
 */
package org.parley.bench.reliable;
