/**
 * The {@code parley} command line (picocli): {@code keys dev}, {@code demo}, {@code serve}, {@code
 * call}. Every failure ends with one line on standard error and a non-zero exit code: 1 when the
 * work failed (connection refused, a SOAP fault), 2 when the command line was wrong.
 */
package org.parley.cli;
