package io.statefun.http.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening socket of one of this connector's HTTP servers, on an event loop thread of its own,
 * with bounded connections: beyond {@link Limits#maxConnections} a new connection is closed at once
 * (so the memory the requests being read can hold is bounded too), a connection on which nothing
 * moved for {@link Limits#idleTimeout} is closed unless a handler keeps the idle event (one waiting
 * for its answer does), a request must arrive whole within the same time from its first byte (a
 * client trickling bytes cannot hold a connection forever), and closing the socket closes every
 * connection, so a keep-alive client does not send its next request into a socket nobody reads any
 * more.
 */
public final class BoundedServerSocket implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BoundedServerSocket.class);

  /** How many connections a server keeps open, and how long one may sit idle. */
  public record Limits(int maxConnections, Duration idleTimeout) {
    public Limits {
      if (maxConnections < 1) {
        throw new IllegalArgumentException(
            "maxConnections must be at least 1, got " + maxConnections);
      }
      if (idleTimeout.isNegative() || idleTimeout.isZero()) {
        throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
      }
    }
  }

  private final String name;
  private final String bindHost;
  private final int port;
  private final EventLoopGroup loop;
  private final Channel serverChannel;
  private final ChannelGroup connections;

  private BoundedServerSocket(
      String name,
      String bindHost,
      int port,
      EventLoopGroup loop,
      Channel serverChannel,
      ChannelGroup connections) {
    this.name = name;
    this.bindHost = bindHost;
    this.port = port;
    this.loop = loop;
    this.serverChannel = serverChannel;
    this.connections = connections;
  }

  /**
   * Listens on {@code bindHost:port}. For each new connection {@code decoders} adds the handlers
   * that turn its bytes into whole requests (TLS, HTTP codec, aggregator), and {@code requests}
   * makes the handler of those requests. Fails naming {@code name} and the address if it cannot
   * bind.
   */
  public static BoundedServerSocket listen(
      String name,
      String threadName,
      String bindHost,
      int port,
      Limits limits,
      Consumer<SocketChannel> decoders,
      Supplier<ChannelHandler> requests) {
    EventLoopGroup loop =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory(threadName, true), NioIoHandler.newFactory());
    ChannelGroup connections = new DefaultChannelGroup(loop.next());
    try {
      Channel channel =
          new ServerBootstrap()
              .group(loop)
              .channel(NioServerSocketChannel.class)
              .option(ChannelOption.SO_REUSEADDR, true)
              .childHandler(new BoundedConnections(name, limits, connections, decoders, requests))
              .bind(bindHost, port)
              .syncUninterruptibly()
              .channel();
      return new BoundedServerSocket(name, bindHost, port, loop, channel, connections);
    } catch (RuntimeException e) {
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw new IllegalStateException(
          name + " cannot listen on " + bindHost + ":" + port + ": " + e, e);
    }
  }

  public String bindHost() {
    return bindHost;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      serverChannel.close().syncUninterruptibly();
      connections.close().awaitUninterruptibly();
    } finally {
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      LOG.info("{} stopped listening on {}:{}", name, bindHost, port);
    }
  }

  /** Admits a new connection if there is room, with the time limits around its handlers. */
  private static final class BoundedConnections extends ChannelInitializer<SocketChannel> {
    private final String name;
    private final Limits limits;
    private final ChannelGroup connections;
    private final Consumer<SocketChannel> decoders;
    private final Supplier<ChannelHandler> requests;
    // event loop only: one warning per run of refused connections
    private boolean refusing;

    BoundedConnections(
        String name,
        Limits limits,
        ChannelGroup connections,
        Consumer<SocketChannel> decoders,
        Supplier<ChannelHandler> requests) {
      this.name = name;
      this.limits = limits;
      this.connections = connections;
      this.decoders = decoders;
      this.requests = requests;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
      if (connections.size() >= limits.maxConnections()) {
        if (!refusing) {
          LOG.warn(
              "{} has {} connections open, its maximum: closing new ones until some close"
                  + " (first refused: {})",
              name,
              limits.maxConnections(),
              channel.remoteAddress());
          refusing = true;
        }
        channel.close();
        return;
      }
      refusing = false;
      connections.add(channel);
      RequestDeadline deadline = new RequestDeadline(limits.idleTimeout());
      channel
          .pipeline()
          .addLast(
              new IdleStateHandler(0, 0, limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
          .addLast(deadline.firstByte());
      decoders.accept(channel);
      channel
          .pipeline()
          .addLast(deadline.wholeRequest())
          .addLast(requests.get())
          .addLast(new CloseWhenIdle(limits.idleTimeout()));
    }
  }

  /**
   * The time a request may take to arrive, from its first byte to the whole request: the clock
   * starts at the first bytes read while no request is in progress and stops when a whole request
   * comes out of the decoders; a connection whose clock runs out is closed. A connection waiting
   * for its answer reads nothing, so its clock does not run. Event loop only.
   */
  private static final class RequestDeadline {
    private final Duration limit;
    private @Nullable ScheduledFuture<?> running;

    RequestDeadline(Duration limit) {
      this.limit = limit;
    }

    /** Sees the connection's bytes before any decoder. */
    ChannelHandler firstByte() {
      return new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
          if (running == null) {
            running =
                ctx.executor().schedule(() -> expire(ctx), limit.toMillis(), TimeUnit.MILLISECONDS);
          }
          ctx.fireChannelRead(message);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
          stop();
          ctx.fireChannelInactive();
        }
      };
    }

    /** Sees the whole requests the decoders make. */
    ChannelHandler wholeRequest() {
      return new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
          stop();
          ctx.fireChannelRead(message);
        }
      };
    }

    private void stop() {
      if (running != null) {
        running.cancel(false);
        running = null;
      }
    }

    private void expire(ChannelHandlerContext ctx) {
      running = null;
      LOG.debug(
          "Closing {}: a request did not arrive whole within {}",
          ctx.channel().remoteAddress(),
          limit);
      ctx.close();
    }
  }

  /** Closes its connection on an idle event that no handler before it kept. */
  private static final class CloseWhenIdle extends ChannelInboundHandlerAdapter {
    private final Duration idleTimeout;

    CloseWhenIdle(Duration idleTimeout) {
      this.idleTimeout = idleTimeout;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
      if (event instanceof IdleStateEvent) {
        LOG.debug("Closing {}: idle for {}", ctx.channel().remoteAddress(), idleTimeout);
        ctx.close();
        return;
      }
      super.userEventTriggered(ctx, event);
    }
  }
}
