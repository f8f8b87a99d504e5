/**
 * One Parley node as {@code parley serve --config FILE} and {@code parley demo} host it: the
 * configuration file ({@link org.parley.cli.node.NodeConfig}), the farm's shared secrets, the
 * stores (in memory, or Redis for a farm) and the key ring wired into the secure conversation
 * services (WS-SecureConversation 1.3 sections 3 to 6, session or cookie mode; WS-Security 1.1
 * section 13 replay detection) and the demo federation's web sessions (WIF session management,
 * reference mode, sign-out everywhere; WS-Federation 1.2 section 13 passive sign-in and sign-out).
 */
package org.parley.cli.node;
