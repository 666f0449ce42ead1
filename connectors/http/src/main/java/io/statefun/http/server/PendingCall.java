package io.statefun.http.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A request waiting for its answer on an open connection. {@link #answer} runs at most once (the
 * owner removes the call from its map first, so a reply, a timeout and a closed connection cannot
 * both answer); the write happens on the connection's event loop.
 */
final class PendingCall {
  private final String requestId;
  private final Channel channel;
  private final boolean keepAlive;
  private final boolean waitsForReply;
  private final AtomicInteger pendingCount;
  private final Connection connection;
  // set and read on the event loop only
  private @Nullable Future<?> timeout;

  PendingCall(
      String requestId,
      Channel channel,
      boolean keepAlive,
      boolean waitsForReply,
      AtomicInteger pendingCount,
      Connection connection) {
    this.requestId = requestId;
    this.channel = channel;
    this.keepAlive = keepAlive;
    this.waitsForReply = waitsForReply;
    this.pendingCount = pendingCount;
    this.connection = connection;
  }

  String requestId() {
    return requestId;
  }

  /** True for a call, false for a {@code /send}, which is answered {@code 202} instead. */
  boolean waitsForReply() {
    return waitsForReply;
  }

  /** Event loop only. */
  void timeoutAfter(Future<?> timeout) {
    this.timeout = timeout;
  }

  /** Writes the answer and lets the connection read its next request. Any thread. */
  void answer(FullHttpResponse response) {
    pendingCount.decrementAndGet();
    response.headers().set(Responses.REQUEST_ID, requestId);
    HttpUtil.setKeepAlive(response, keepAlive);
    channel
        .eventLoop()
        .execute(
            () -> {
              cancelTimeout();
              connection.answered(this);
              if (!channel.isActive()) {
                response.release();
                return;
              }
              if (keepAlive) {
                channel.writeAndFlush(response);
                channel.config().setAutoRead(true);
              } else {
                channel.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
              }
            });
  }

  /** The connection closed: nobody to answer any more. Any thread. */
  void forget() {
    pendingCount.decrementAndGet();
    channel.eventLoop().execute(this::cancelTimeout);
  }

  private void cancelTimeout() {
    if (timeout != null) {
      timeout.cancel(false);
      timeout = null;
    }
  }
}
