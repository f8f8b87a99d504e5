/**
 * WS-ReliableMessaging messages and their codec: OASIS WS-RM 1.2
 * (http://docs.oasis-open.org/ws-rx/wsrm/200702, sections 3.4-3.9: CreateSequence with Offer,
 * CloseSequence, TerminateSequence, Sequence, AckRequested, SequenceAcknowledgement; section 4
 * faults; section 5.2.1 UsesSequenceSTR) and the February 2005 submission
 * (http://schemas.xmlsoap.org/ws/2005/02/rm).
 */
package org.parley.reliable.message;
