/**
 * The demo services of {@code parley demo}: the DoubleIt contract of the project's peer captures
 * (namespace {@code http://example.org/wssc-peer/doubleit}, SOAP 1.2 with WS-Addressing 1.0,
 * document/literal per WSDL 1.1 section 3.5), and its client side for {@code parley call}.
 */
package org.parley.cli.demo;
