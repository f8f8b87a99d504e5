package org.parley.sts.saml;

import java.util.List;
import java.util.Objects;

/**
 * One {@code saml2:Attribute} (SAML Core 2.7.3.1): a name and one or more string values, in order.
 */
public final class SamlAttribute {
  /** Most values one attribute may carry, on write and on read. */
  public static final int MAX_VALUES = 256;

  private final String name;
  private final List<String> values;

  private SamlAttribute(String name, List<String> values) {
    this.name = name;
    this.values = values;
  }

  /** An attribute with the given values (at least one, at most {@link #MAX_VALUES}). */
  public static SamlAttribute of(String name, List<String> values) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("attribute name must not be blank");
    }
    List<String> copy = List.copyOf(values);
    if (copy.isEmpty() || copy.size() > MAX_VALUES) {
      throw new IllegalArgumentException(
          "attribute "
              + name
              + " needs 1.."
              + MAX_VALUES
              + " values (MAX_VALUES), had "
              + copy.size());
    }
    return new SamlAttribute(name, copy);
  }

  public static SamlAttribute of(String name, String... values) {
    return of(name, List.of(values));
  }

  public String name() {
    return name;
  }

  public List<String> values() {
    return values;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SamlAttribute a && name.equals(a.name) && values.equals(a.values);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + values.hashCode();
  }

  @Override
  public String toString() {
    return "SamlAttribute[" + name + ", " + values.size() + " values]";
  }
}
