package org.parley.core.claims;

import java.util.Objects;

/**
 * One statement about a subject: a type (a URI), a value, the value's type, who issued it and who
 * issued it originally (the STS that first asserted it, when claims pass through a federation
 * chain). Immutable; equality is on all five values.
 */
public final class Claim {
  /** Issuer used when none is given, as WIF does ({@code ClaimsIdentity.DefaultIssuer}). */
  public static final String DEFAULT_ISSUER = "LOCAL AUTHORITY";

  private final String type;
  private final String value;
  private final String valueType;
  private final String issuer;
  private final String originalIssuer;

  private Claim(Builder b) {
    this.type = b.type;
    this.value = b.value;
    this.valueType = b.valueType;
    this.issuer = b.issuer;
    this.originalIssuer = b.originalIssuer == null ? b.issuer : b.originalIssuer;
  }

  /** A string claim issued by {@link #DEFAULT_ISSUER}. */
  public static Claim of(String type, String value) {
    return builder(type, value).build();
  }

  public static Builder builder(String type, String value) {
    return new Builder(type, value);
  }

  public Builder toBuilder() {
    return new Builder(type, value)
        .valueType(valueType)
        .issuer(issuer)
        .originalIssuer(originalIssuer);
  }

  public String type() {
    return type;
  }

  public String value() {
    return value;
  }

  public String valueType() {
    return valueType;
  }

  public String issuer() {
    return issuer;
  }

  public String originalIssuer() {
    return originalIssuer;
  }

  /**
   * Claim types are URIs that WIF compares ignoring case ({@code
   * StringComparison.OrdinalIgnoreCase} in {@code ClaimsIdentity.FindAll}); Parley matches them the
   * same way so that claims issued by a .NET STS are found.
   */
  public boolean hasType(String claimType) {
    return type.equalsIgnoreCase(claimType);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Claim c
        && type.equals(c.type)
        && value.equals(c.value)
        && valueType.equals(c.valueType)
        && issuer.equals(c.issuer)
        && originalIssuer.equals(c.originalIssuer);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, value, valueType, issuer, originalIssuer);
  }

  /** Type and issuer only: claim values are often personal data and stay out of logs. */
  @Override
  public String toString() {
    return "Claim[type=" + type + ", issuer=" + issuer + "]";
  }

  /** Validates each setter; {@link #build()} returns an immutable claim. */
  public static final class Builder {
    private final String type;
    private final String value;
    private String valueType = ClaimTypes.VALUE_TYPE_STRING;
    private String issuer = DEFAULT_ISSUER;
    private String originalIssuer;

    private Builder(String type, String value) {
      this.type = requireText(type, "type");
      this.value = Objects.requireNonNull(value, "value");
    }

    public Builder valueType(String valueType) {
      this.valueType = requireText(valueType, "valueType");
      return this;
    }

    public Builder issuer(String issuer) {
      this.issuer = requireText(issuer, "issuer");
      return this;
    }

    /** Defaults to the issuer. */
    public Builder originalIssuer(String originalIssuer) {
      this.originalIssuer = requireText(originalIssuer, "originalIssuer");
      return this;
    }

    public Claim build() {
      return new Claim(this);
    }
  }

  static String requireText(String s, String name) {
    Objects.requireNonNull(s, name);
    if (s.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return s;
  }
}
