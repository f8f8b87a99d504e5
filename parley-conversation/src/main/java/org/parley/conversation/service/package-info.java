/**
 * A secure conversation service: one endpoint that answers WS-Trust RST/SCT Issue, Renew and Cancel
 * (WS-SecureConversation 1.3 sections 3, 5 and 6, WS-Trust 1.3 sections 4, 7 and 8, and their
 * February 2005 forms) and application messages protected with keys derived from the security
 * context (WS-SC 1.3 section 7, WS-SP 1.2 section 7.4), exposed as a parley-endpoint {@code
 * SoapEndpoint} that any binding (parley-http's servlet or Jetty host) serves.
 */
package org.parley.conversation.service;
