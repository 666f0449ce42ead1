package io.statefun.runtime.remote.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.ChannelPool;
import io.netty.channel.pool.SimpleChannelPool;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.statefun.runtime.remote.http.Destination.Origin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 exchanges over kept-alive connections, on Netty: one event loop thread per transport, a
 * pool of idle connections per origin (an idle connection older than {@code pool_ttl} is closed
 * instead of reused), one exchange at a time per connection. Every completion runs on the event
 * loop thread of its origin's kind: TCP connections use NIO; Unix domain sockets ({@code
 * http+unix}) use Netty's native epoll transport (Linux only), whose event loop thread is started
 * with the first such request.
 *
 * <p>Why not the JDK's {@code HttpClient}: it hands every response to {@code CompletableFuture}'s
 * default executor, which on a machine with fewer than three cores starts a new thread per task;
 * measured on two cores it spent about 1 ms of CPU per request.
 */
final class NettyHttpTransport implements AutoCloseable {
  private static final AttributeKey<Long> IDLE_SINCE = AttributeKey.valueOf("statefun.idle-since");
  private static final String OCTET_STREAM = "application/octet-stream";

  /** A complete response: status, Content-Type (or null) and body. */
  record Response(int status, @Nullable String contentType, byte[] body) {}

  private final TransportSettings settings;
  private final LongSupplier nanoClock;
  private final EventLoopGroup loop;
  private final Bootstrap bootstrap;
  private @Nullable EventLoopGroup unixLoop;
  private @Nullable Bootstrap unixBootstrap;
  private final SslContext tls;
  private final Map<Origin, ChannelPool> pools = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param nanoClock the clock that ages idle connections ({@code System::nanoTime})
   */
  NettyHttpTransport(TransportSettings settings, LongSupplier nanoClock) {
    this.settings = settings;
    this.nanoClock = nanoClock;
    this.loop =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("statefun-http", true), NioIoHandler.newFactory());
    this.bootstrap =
        new Bootstrap()
            .group(loop)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis());
    this.tls = sslContext(settings.tls());
  }

  /**
   * Posts {@code body} to {@code url}; completes with the response, or with an {@link IOException}
   * when connecting, sending or receiving fails ({@link HttpTimeoutException} when no complete
   * response came within {@code timeout}; {@link PayloadTooLargeException} when the body exceeds
   * the payload limit).
   */
  CompletableFuture<Response> post(URI url, byte[] body, Duration timeout) {
    Destination destination = Destination.of(url);
    Origin origin = destination.origin();
    EventLoopGroup loop = origin.socket() == null ? this.loop : unixLoop();
    Exchange exchange = new Exchange(pool(origin));
    // an exchange lives on the event loop thread of its origin only
    loop.execute(
        () -> {
          exchange.timer =
              loop.schedule(
                  () ->
                      exchange.fail(
                          new HttpTimeoutException("no complete response within " + timeout)),
                  timeout.toNanos(),
                  TimeUnit.NANOSECONDS);
          exchange
              .pool
              .acquire()
              .addListener(
                  (Future<Channel> acquired) -> {
                    if (!acquired.isSuccess()) {
                      exchange.fail(asIoException(acquired.cause()));
                      return;
                    }
                    exchange.start(acquired.getNow(), request(destination, body));
                  });
        });
    return exchange.result;
  }

  /** Runs {@code task} on the event loop after {@code delay}. */
  void schedule(Runnable task, Duration delay) {
    loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      pools.values().forEach(ChannelPool::close);
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      synchronized (this) {
        if (unixLoop != null) {
          unixLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
      }
    }
  }

  /** The epoll event loop of Unix domain socket connections, started on first use. */
  private synchronized EventLoopGroup unixLoop() {
    if (unixLoop == null) {
      if (!Epoll.isAvailable()) {
        throw new IllegalStateException(
            "http+unix URLs need Netty's native epoll transport, which is not available here: "
                + Epoll.unavailabilityCause());
      }
      if (closed.get()) {
        throw new RejectedExecutionException("the transport is closed");
      }
      unixLoop =
          new MultiThreadIoEventLoopGroup(
              1, new DefaultThreadFactory("statefun-http-unix", true), EpollIoHandler.newFactory());
      unixBootstrap =
          new Bootstrap()
              .group(unixLoop)
              .channel(EpollDomainSocketChannel.class)
              .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis());
    }
    return unixLoop;
  }

  private ChannelPool pool(Origin origin) {
    return pools.computeIfAbsent(
        origin,
        o ->
            new SimpleChannelPool(
                o.socket() == null
                    ? bootstrap.clone().remoteAddress(o.host(), o.port())
                    : unixBootstrap()
                        .clone()
                        .remoteAddress(new DomainSocketAddress(o.socket().toFile())),
                new ConnectionSetup(o),
                new FreshConnection(settings.poolTtl().toNanos(), nanoClock)));
  }

  private synchronized Bootstrap unixBootstrap() {
    unixLoop();
    return unixBootstrap;
  }

  private int connectTimeoutMillis() {
    return (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis());
  }

  private static FullHttpRequest request(Destination destination, byte[] body) {
    FullHttpRequest request =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            HttpMethod.POST,
            destination.requestPath(),
            Unpooled.wrappedBuffer(body));
    request
        .headers()
        .set(HttpHeaderNames.HOST, destination.origin().hostHeader())
        .set(HttpHeaderNames.CONTENT_TYPE, OCTET_STREAM)
        .set(HttpHeaderNames.ACCEPT, OCTET_STREAM)
        .set(HttpHeaderNames.USER_AGENT, "statefun")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return request;
  }

  private static SslContext sslContext(TlsSettings settings) {
    try {
      SSLContext context =
          settings == null ? SSLContext.getDefault() : TlsContexts.create(settings);
      return new JdkSslContext(context, true, ClientAuth.NONE);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM has no default TLS context", e);
    }
  }

  private IOException asIoException(Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      return new PayloadTooLargeException(settings.payloadMaxBytes());
    }
    return cause instanceof IOException io ? io : new IOException(cause.toString(), cause);
  }

  /** The pipeline of a new connection: TLS when https, the HTTP codec, one whole response. */
  private final class ConnectionSetup extends AbstractChannelPoolHandler {
    private final Origin origin;

    ConnectionSetup(Origin origin) {
      this.origin = origin;
    }

    @Override
    public void channelCreated(Channel channel) {
      if (origin.tls()) {
        SslHandler handler = tls.newHandler(channel.alloc(), origin.host(), origin.port());
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        channel.pipeline().addLast(handler);
      }
      int limit = (int) Math.min(Integer.MAX_VALUE, settings.payloadMaxBytes());
      channel
          .pipeline()
          .addLast(new HttpClientCodec())
          .addLast(new HttpObjectAggregator(limit))
          .addLast(new ResponseHandler());
    }

    @Override
    public void channelReleased(Channel channel) {
      channel.attr(IDLE_SINCE).set(nanoClock.getAsLong());
    }
  }

  /** A pooled connection may be reused while it is open and has not been idle too long. */
  private static final class FreshConnection implements ChannelHealthChecker {
    private final long ttlNanos;
    private final LongSupplier nanoClock;

    FreshConnection(long ttlNanos, LongSupplier nanoClock) {
      this.ttlNanos = ttlNanos;
      this.nanoClock = nanoClock;
    }

    @Override
    public Future<Boolean> isHealthy(Channel channel) {
      Long idleSince = channel.attr(IDLE_SINCE).get();
      boolean fresh = idleSince == null || nanoClock.getAsLong() - idleSince < ttlNanos;
      if (!fresh) {
        channel.close();
      }
      return channel.eventLoop().newSucceededFuture(fresh && channel.isActive());
    }
  }

  /** One request and its response on one connection; ends exactly once. */
  private final class Exchange {
    final ChannelPool pool;
    final CompletableFuture<Response> result = new CompletableFuture<>();
    Future<?> timer;
    private Channel channel;
    private boolean released;

    Exchange(ChannelPool pool) {
      this.pool = pool;
    }

    void start(Channel acquired, FullHttpRequest request) {
      channel = acquired;
      if (result.isDone()) {
        // timed out while connecting
        request.release();
        release(false);
        return;
      }
      channel.pipeline().get(ResponseHandler.class).current = this;
      channel
          .writeAndFlush(request)
          .addListener(
              written -> {
                if (!written.isSuccess()) {
                  fail(asIoException(written.cause()));
                }
              });
    }

    // the connection goes back to the pool before the result is seen, so a caller's next
    // request can reuse it

    void succeed(Response response, boolean keepAlive) {
      if (!result.isDone()) {
        timer.cancel(false);
        release(keepAlive);
        result.complete(response);
      }
    }

    void fail(IOException cause) {
      if (!result.isDone()) {
        timer.cancel(false);
        release(false);
        result.completeExceptionally(cause);
      }
    }

    /** Gives the connection back (closed unless it can carry another exchange). */
    private void release(boolean reusable) {
      if (channel == null || released) {
        return;
      }
      released = true;
      ResponseHandler handler = channel.pipeline().get(ResponseHandler.class);
      if (handler != null && handler.current == this) {
        handler.current = null;
      }
      if (!reusable) {
        channel.close();
      }
      pool.release(channel);
    }
  }

  /** Hands the connection's response (or its failure) to the exchange in progress. */
  private final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
    Exchange current;

    @Override
    protected void channelRead0(ChannelHandlerContext context, FullHttpResponse response) {
      Exchange exchange = current;
      if (exchange == null) {
        context.close();
        return;
      }
      exchange.succeed(
          new Response(
              response.status().code(),
              response.headers().get(HttpHeaderNames.CONTENT_TYPE),
              ByteBufUtil.getBytes(response.content())),
          HttpUtil.isKeepAlive(response));
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
      Exchange exchange = current;
      if (exchange != null) {
        exchange.fail(new IOException("the connection closed before a complete response"));
      }
      super.channelInactive(context);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
      Exchange exchange = current;
      if (exchange != null) {
        exchange.fail(asIoException(cause));
      }
      context.close();
    }
  }
}
