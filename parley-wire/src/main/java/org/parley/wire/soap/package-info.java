/**
 * The SOAP envelope: version detection, structure checks, mustUnderstand, and a builder for
 * outbound envelopes.
 *
 * <p>Specifications:
 *
 * <ul>
 *   <li>Simple Object Access Protocol (SOAP) 1.1, W3C Note 08 May 2000: section 4 (envelope,
 *       header, {@code actor}, {@code mustUnderstand}), section 6 (HTTP binding, {@code
 *       SOAPAction}, {@code text/xml}).
 *   <li>SOAP Version 1.2 Part 1: Messaging Framework (Second Edition): section 2 (roles and
 *       processing), section 5 (envelope, header blocks, body, faults).
 *   <li>SOAP Version 1.2 Part 2: Adjuncts (Second Edition): section 7 (HTTP binding), and RFC 3902
 *       ({@code application/soap+xml} and its {@code action} parameter).
 *   <li>WS-I Basic Profile 1.2: R1011 (nothing after Body), R1012 (UTF-8/UTF-16).
 * </ul>
 */
package org.parley.wire.soap;
