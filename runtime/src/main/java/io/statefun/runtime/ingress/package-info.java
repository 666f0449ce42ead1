/**
 * Ingresses: the {@link io.statefun.runtime.ingress.IngressProvider} SPI that turns an ingress spec
 * into a stream of {@link io.statefun.runtime.message.Envelope}s, routing with the application's
 * routers ({@link io.statefun.runtime.ingress.IngressRouting}), and the in-memory {@link
 * io.statefun.runtime.ingress.ListIngress} used by the harness. A {@link
 * io.statefun.runtime.ingress.ReplyingIngressProvider} also answers callers waiting outside the
 * job.
 *
 * <p>Must not depend on dispatch, state or the feedback loop.
 */
package io.statefun.runtime.ingress;
