/** Implementation details of parley-sts; not API. */
package org.parley.sts.internal;
