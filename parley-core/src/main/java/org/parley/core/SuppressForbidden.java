package org.parley.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the one place that may use an API from {@code build-tools/forbidden/main.txt}, such as the
 * hardened XML factory creating a raw JDK parser factory. The reason must say why it is safe.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface SuppressForbidden {
  /** Why this use is safe. */
  String reason();
}
