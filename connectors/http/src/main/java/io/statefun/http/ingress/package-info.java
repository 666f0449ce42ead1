/**
 * The HTTP ingress and the live state endpoint in the Flink job: a source whose subtasks take
 * requests from the shared server ({@code io.statefun.http.server}) and send them into the job with
 * a caller address naming the request, and the operator that answers the callers with the replies
 * (a function's, or the dispatcher's answer to a state query), co-located with the source subtask
 * of the same index. An HTTP ingress's answers wait for a completed checkpoint unless {@code
 * replyAfter: invoke}; the endpoint's never wait. Must not depend on dispatch, state or the
 * feedback loop.
 */
package io.statefun.http.ingress;
