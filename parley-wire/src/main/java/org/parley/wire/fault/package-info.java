/**
 * SOAP faults: the single place where exceptions become faults ({@link
 * org.parley.wire.fault.SoapFaultWriter}) and a reader for faults a peer sends ({@link
 * org.parley.wire.fault.SoapFaultReader}).
 *
 * <p>Specifications:
 *
 * <ul>
 *   <li>SOAP 1.1 (W3C Note) section 4.4 (Fault, faultcode, faultstring, detail) and section 6.2
 *       (HTTP 500 for faults).
 *   <li>SOAP 1.2 Part 1 section 5.4 (Code, Subcode, Reason, Detail; 5.4.7 VersionMismatch and
 *       Upgrade; 5.4.8 MustUnderstand and NotUnderstood); SOAP 1.2 Part 2 section 7.5 (HTTP status
 *       codes: Sender 400, others 500).
 *   <li>WS-Security 1.1 SOAP Message Security section 12 (wsse fault codes, placed in faultcode in
 *       SOAP 1.1 and in Subcode in SOAP 1.2).
 *   <li>WS-Trust 1.3 section 11 (wst fault codes) and WS-SecureConversation 1.3 section 8 (wsc
 *       fault codes), each in its 1.3 or February 2005 namespace.
 *   <li>WS-Addressing 1.0 SOAP Binding section 6 and the 2004/08 submission section 4 (fault
 *       actions).
 * </ul>
 */
package org.parley.wire.fault;
