package io.statefun.http.playground.topics;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.statefun.http.playground.PlaygroundEgressSpec;
import io.statefun.http.server.BoundedServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the topics of a playground egress as the StateFun playground did: {@code GET /{topic}}
 * takes the topic's oldest payload ({@code 200}, UTF-8 text), {@code 404} when the topic is empty,
 * {@code 405} for a topic the egress does not have (the playground's answer) or another method. One
 * event loop thread; requests have no body to keep.
 */
final class PlaygroundEgressServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PlaygroundEgressServer.class);
  private static final int MAX_REQUEST_BYTES = 8 * 1024;
  private static final String TEXT = "text/plain; charset=utf-8";

  /** Its readers poll: a few connections each, kept open between polls. */
  private static final BoundedServerSocket.Limits CONNECTIONS =
      new BoundedServerSocket.Limits(1_000, Duration.ofSeconds(60));

  private final PlaygroundTopics topics;
  private final BoundedServerSocket socket;

  private PlaygroundEgressServer(PlaygroundTopics topics, BoundedServerSocket socket) {
    this.topics = topics;
    this.socket = socket;
  }

  /** Binds the spec's host and port; fails with the address if it cannot. */
  static PlaygroundEgressServer start(PlaygroundEgressSpec spec) {
    PlaygroundTopics topics = new PlaygroundTopics(spec.topics(), spec.maxRecordsPerTopic());
    BoundedServerSocket socket =
        BoundedServerSocket.listen(
            "Playground egress " + spec.id(),
            "statefun-playground-egress",
            spec.resolveBindHost(),
            spec.port(),
            CONNECTIONS,
            channel ->
                channel
                    .pipeline()
                    .addLast(new HttpServerCodec())
                    .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES)),
            () -> new TopicReader(topics));
    LOG.info(
        "Playground egress listening on {}:{}, topics {}",
        socket.bindHost(),
        socket.port(),
        spec.topics());
    return new PlaygroundEgressServer(topics, socket);
  }

  int port() {
    return socket.port();
  }

  PlaygroundTopics topics() {
    return topics;
  }

  @Override
  public void close() {
    socket.close();
  }

  /** Answers each request of one connection. Event loop only. */
  private static final class TopicReader extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final PlaygroundTopics topics;

    TopicReader(PlaygroundTopics topics) {
      this.topics = topics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      FullHttpResponse response = answer(request);
      boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
      HttpUtil.setKeepAlive(response, keepAlive);
      if (keepAlive) {
        ctx.writeAndFlush(response);
      } else {
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      }
    }

    private FullHttpResponse answer(FullHttpRequest request) {
      if (request.decoderResult().isFailure()) {
        return error(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
      }
      if (!HttpMethod.GET.equals(request.method())) {
        FullHttpResponse refused =
            error(
                HttpResponseStatus.METHOD_NOT_ALLOWED,
                "method " + request.method() + " not allowed; expected GET /{topic}");
        refused.headers().set(HttpHeaderNames.ALLOW, "GET");
        return refused;
      }
      String uri = request.uri();
      int query = uri.indexOf('?');
      String path = query < 0 ? uri : uri.substring(0, query);
      String topic = path.startsWith("/") ? path.substring(1) : path;
      if (!topics.hasTopic(topic)) {
        // the playground's answer to an unknown topic; the body says which ones exist
        return error(
            HttpResponseStatus.METHOD_NOT_ALLOWED,
            "no topic at " + printable(path) + "; topics are " + topics.topics());
      }
      String payload = topics.take(topic);
      if (payload == null) {
        // an empty body, as the playground gave: a script polling the topic prints nothing
        return text(HttpResponseStatus.NOT_FOUND, "");
      }
      return text(HttpResponseStatus.OK, payload);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.debug("Closing {} after an error", ctx.channel().remoteAddress(), cause);
      ctx.close();
    }
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .limit(200)
        .forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return out.toString();
  }

  /** An error status with a line of text that says why. */
  private static FullHttpResponse error(HttpResponseStatus status, String message) {
    return text(status, message + "\n");
  }

  private static FullHttpResponse text(HttpResponseStatus status, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, TEXT);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    return response;
  }
}
