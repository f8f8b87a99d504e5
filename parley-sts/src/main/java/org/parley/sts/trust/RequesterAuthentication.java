package org.parley.sts.trust;

import java.util.Set;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.SoapRequest;

/**
 * Who sends a Renew or Cancel: the subject names (the NameIDs the STS issues to them) the request's
 * credentials prove. Only a requester holding the token's subject may renew or cancel it (WS-Trust
 * 1.3 sections 5 and 6 leave the authorization to the STS).
 */
@FunctionalInterface
public interface RequesterAuthentication {
  /**
   * The authenticated subjects, never empty.
   *
   * @throws ParleyFault {@code wst:FailedAuthentication} when the request proves nobody
   */
  Set<String> authenticate(SoapRequest request) throws ParleyFault;
}
