package io.statefun.http.server;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: answers invalid requests at once, hands valid ones to the server, and
 * reads no further request while one waits for its answer (so answers keep the requests' order and
 * a client cannot pile up work). Event loop only.
 */
final class Connection extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

  private final HttpIngressServer server;
  private final ServerProtocol protocol;
  private @Nullable PendingCall waiting;
  private @Nullable SubtaskRequests waitingAt;

  Connection(HttpIngressServer server, ServerProtocol protocol) {
    this.server = server;
    this.protocol = protocol;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (waiting != null) {
      // a pipelined request: its answer would have to wait behind the first one's
      LOG.debug("Closing {}: HTTP pipelining is not supported", ctx.channel().remoteAddress());
      ctx.close();
      return;
    }
    if (request.decoderResult().isFailure()) {
      respond(
          ctx, Responses.error(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request"), false);
      return;
    }
    SubtaskRequests subtask = server.nextSubtask();
    if (subtask == null) {
      respond(
          ctx,
          Responses.error(
              HttpResponseStatus.SERVICE_UNAVAILABLE, "the ingress is not running yet; retry"),
          keepAlive);
      return;
    }
    RequestParser.Parsed parsed;
    try {
      parsed =
          protocol.parse(
              request.method(),
              request.uri(),
              request.headers(),
              ByteBufUtil.getBytes(request.content()),
              subtask.isBound());
    } catch (Rejection rejection) {
      respond(ctx, Responses.rejected(rejection), keepAlive);
      return;
    }
    PendingCall call =
        server.admit(
            ctx.channel(), subtask, parsed, request.content().readableBytes(), keepAlive, this);
    if (call == null) {
      subtask.rejectedBusy();
      respond(
          ctx,
          Responses.error(
              HttpResponseStatus.SERVICE_UNAVAILABLE, "too many pending requests; retry"),
          keepAlive);
      return;
    }
    waiting = call;
    waitingAt = subtask;
    ctx.channel().config().setAutoRead(false);
  }

  /** The waiting call was answered. */
  void answered(PendingCall call) {
    if (waiting == call) {
      waiting = null;
      waitingAt = null;
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (waiting != null && waitingAt != null) {
      waitingAt.forget(waiting.requestId());
      waiting = null;
      waitingAt = null;
    }
    super.channelInactive(ctx);
  }

  /** A connection waiting for its answer is not idle: the answer or the reply timeout ends it. */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent && waiting != null) {
      return;
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("Closing {} after an error", ctx.channel().remoteAddress(), cause);
    ctx.close();
  }

  private static void respond(ChannelHandlerContext ctx, FullHttpResponse response, boolean keep) {
    HttpUtil.setKeepAlive(response, keep);
    if (keep) {
      ctx.writeAndFlush(response);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
