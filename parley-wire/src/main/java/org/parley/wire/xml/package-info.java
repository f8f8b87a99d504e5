/**
 * Hardened parsing and exact writing of untrusted XML.
 *
 * <p>{@link org.parley.wire.xml.HardenedXml} is the only way Parley parses XML from a peer:
 * Woodstox StAX (measured about twice as fast as the JDK's parser per message) with DTDs refused
 * (so no entity expansion, no external entities or parameter entities, no external DTD or schema:
 * XML 1.0 sections 2.8 and 4.2 are never exercised), processing instructions refused (SOAP 1.2 Part
 * 1 section 5), XML 1.0 only, UTF-8 or UTF-16 only (WS-I Basic Profile 1.2 R1012), and every
 * document bounded by the named settings of {@link org.parley.wire.xml.XmlLimits}. XInclude is
 * never processed. {@link org.parley.wire.xml.XmlWriter} writes a tree back with the escaping of
 * Canonical XML 1.0 section 2.3 / Exclusive XML Canonicalization 1.0 (RFC 3741), so what was signed
 * still verifies.
 *
 * <p>Specifications: Extensible Markup Language (XML) 1.0 (Fifth Edition); Namespaces in XML 1.0
 * (Third Edition); Canonical XML 1.0; Exclusive XML Canonicalization 1.0; XML Encryption Syntax and
 * Processing 1.1 section 4.3 (decrypted content parsed in context: {@link
 * org.parley.wire.xml.HardenedXml#parseFragment}).
 */
package org.parley.wire.xml;
