package org.parley.core.claims;

/** Well-known claim type and value type URIs, as WIF / .NET and WS-Federation peers write them. */
public final class ClaimTypes {
  private ClaimTypes() {}

  /** The default name claim type of a {@link ClaimsIdentity} (WIF {@code ClaimTypes.Name}). */
  public static final String NAME = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name";

  /** The default role claim type of a {@link ClaimsIdentity} (WIF {@code ClaimTypes.Role}). */
  public static final String ROLE = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";

  /** {@code ClaimTypes.Email}. */
  public static final String EMAIL =
      "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";

  /** {@code ClaimTypes.NameIdentifier}. */
  public static final String NAME_IDENTIFIER =
      "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier";

  /** {@code ClaimTypes.AuthenticationMethod}. */
  public static final String AUTHENTICATION_METHOD =
      "http://schemas.microsoft.com/ws/2008/06/identity/claims/authenticationmethod";

  /** The default value type of a {@link Claim}: XML Schema string. */
  public static final String VALUE_TYPE_STRING = "http://www.w3.org/2001/XMLSchema#string";
}
