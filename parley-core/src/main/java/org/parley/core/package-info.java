/**
 * Parley's core: secret material ({@link org.parley.core.SecretBytes}) and the annotation that
 * marks the few reviewed uses of forbidden APIs. Nothing in {@code parley-core} knows XML, HTTP or
 * sessions; see {@code ../shared/DESIGN.md} for the layering.
 */
package org.parley.core;
