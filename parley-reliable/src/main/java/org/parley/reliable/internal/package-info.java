/** Implementation details of Parley's WS-ReliableMessaging (WS-RM 1.2) support. */
package org.parley.reliable.internal;
