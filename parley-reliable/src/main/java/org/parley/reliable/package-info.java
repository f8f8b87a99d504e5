/**
 * WS-ReliableMessaging 1.2 (OASIS, http://docs.oasis-open.org/ws-rx/wsrm/200702) and February 2005
 * (http://schemas.xmlsoap.org/ws/2005/02/rm): an RM destination in front of any SOAP handler
 * (delivery assurances ExactlyOnce and InOrder, section 2.4; bounded buffers and sequences) and an
 * RM source with bounded retransmission. A sequence created inside a secure conversation is bound
 * to its security context (WS-RM 1.2 section 5.2.1, UsesSequenceSTR).
 */
package org.parley.reliable;
