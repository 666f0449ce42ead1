/**
 * The HTTP ingress in the Flink job: a source whose subtasks take requests from the shared server
 * ({@code io.statefun.http.server}) and send them into the job with a caller address naming the
 * request, and the operator that answers the callers with the functions' replies, co-located with
 * the source subtask of the same index. Answers wait for a completed checkpoint unless {@code
 * replyAfter: invoke}. Must not depend on dispatch, state or the feedback loop.
 */
package io.statefun.http.ingress;
