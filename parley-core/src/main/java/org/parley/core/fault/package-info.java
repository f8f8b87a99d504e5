/**
 * The one fault-code enum (WS-Security 1.1 section 12, WS-Trust 1.3 section 11,
 * WS-SecureConversation 1.3 section 8, SOAP 1.1/1.2) and the checked {@link
 * org.parley.core.fault.ParleyFault} carrying it.
 */
package org.parley.core.fault;
