/** Implementation details of parley-conversation; not API, may change without notice. */
package org.parley.conversation.internal;
