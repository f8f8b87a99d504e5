/**
 * WS-Addressing message addressing properties (To, Action, MessageID, RelatesTo, ReplyTo, FaultTo,
 * From) read from and written to SOAP envelopes, in both versions WCF and CXF speak.
 *
 * <p>Specifications:
 *
 * <ul>
 *   <li>Web Services Addressing 1.0 - Core, W3C Recommendation 9 May 2006 (sections 2 and 3:
 *       endpoint references and message addressing properties).
 *   <li>Web Services Addressing 1.0 - SOAP Binding, W3C Recommendation 9 May 2006 (section 2:
 *       headers; section 3: reference parameters; section 6: faults and fault actions).
 *   <li>Web Services Addressing (WS-Addressing), W3C Member Submission 10 August 2004 (namespace
 *       {@code http://schemas.xmlsoap.org/ws/2004/08/addressing}).
 *   <li>WS-Security 1.1 SOAP Message Security section 4 ({@code wsu:Id}, so headers can be signed).
 * </ul>
 */
package org.parley.wire.addressing;
