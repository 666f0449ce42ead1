package io.statefun.http.ingress;

import io.statefun.runtime.admin.AdminProtocol;
import io.statefun.runtime.admin.AdminSpec;
import io.statefun.runtime.ingress.IngressContext;
import io.statefun.runtime.ingress.IngressReplies;
import io.statefun.runtime.ingress.ReplyingIngressProvider;
import io.statefun.runtime.message.Envelope;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.io.IngressSpec;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;

/**
 * Serves the live state endpoint ({@link AdminSpec}, added to the job by its assembly when {@code
 * statefun.admin.enabled}) the way {@link HttpIngressProvider} serves an HTTP ingress: one server
 * per TaskManager shared by the source subtasks there ({@link AdminSource}, which keeps no state),
 * requests sent into the job as queries to the address asked about, the dispatcher's answers routed
 * back to the subtask holding the connection and released at once.
 */
public final class AdminEndpointProvider implements ReplyingIngressProvider {

  @Override
  public TypeName type() {
    return AdminSpec.TYPE;
  }

  @Override
  public TypeName replyType(IngressSpec<?> spec) {
    return AdminProtocol.CALLER_TYPE;
  }

  @Override
  public DataStream<Envelope> createIngress(IngressContext context) {
    ServedIngress endpoint = ServedIngress.of((AdminSpec) context.spec());
    DataStreamSource<Envelope> source =
        context
            .environment()
            .addSource(
                new AdminSource(endpoint, context.application()),
                endpoint.name(),
                context.envelopeType());
    source.uid(context.sourceUid());
    HttpIngressProvider.coLocate(source, endpoint);
    return source;
  }

  @Override
  public void attachReplies(IngressReplies replies) {
    HttpIngressProvider.attachReplies(replies, ServedIngress.of((AdminSpec) replies.spec()));
  }
}
