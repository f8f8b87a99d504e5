/**
 * Implementation of {@code org.parley.redis}: the Lettuce link, the Lua scripts and the versioned
 * table engine with its near cache. Not API.
 */
package org.parley.redis.internal;
