/**
 * The WS-RM policy assertion (WS-RM Policy 1.2, http://docs.oasis-open.org/ws-rx/wsrmp/200702,
 * section 2.3 RMAssertion with SequenceSTR and DeliveryAssurance; February 2005,
 * http://schemas.xmlsoap.org/ws/2005/02/rm/policy) written into and read from a WSDL binding
 * policy.
 */
package org.parley.reliable.policy;
