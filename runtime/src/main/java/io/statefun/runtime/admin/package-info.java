/**
 * The live state endpoint ({@code statefun.admin.*}): its settings as an internal ingress ({@link
 * io.statefun.runtime.admin.AdminSpec}) and the queries and answers between its server and the
 * dispatcher ({@link io.statefun.runtime.admin.AdminProtocol}). A connector serves it; the
 * dispatcher answers. Must not depend on dispatch, state or the feedback loop.
 */
@NullMarked
package io.statefun.runtime.admin;

import org.jspecify.annotations.NullMarked;
