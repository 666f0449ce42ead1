package io.statefun.http.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.statefun.http.HttpIngressSpec;
import io.statefun.http.HttpIngressTls;
import io.statefun.http.RequestDialect;
import io.statefun.runtime.admin.AdminSpec;
import io.statefun.runtime.ingress.IngressCallerId;
import io.statefun.runtime.remote.http.TlsContexts;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of one ingress (an HTTP ingress or the live state endpoint) in one TaskManager,
 * shared by the ingress subtasks there: each valid request goes to the next attached subtask in
 * turn, and its id starts with that subtask's index, so the reply can be routed back to it. One
 * event loop thread; memory is bounded by {@code maxBodyBytes} per request, {@code maxConnections}
 * connections reading one each ({@link BoundedServerSocket}) and {@code maxPendingRequests}
 * requests. With {@code tls} (an HTTP ingress's) it serves https only: a plain HTTP request on its
 * port gets its connection closed.
 */
public final class HttpIngressServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpIngressServer.class);

  /** Where a server listens and its limits. */
  private record Settings(
      String name,
      String bindHost,
      int port,
      int maxBodyBytes,
      int maxPendingRequests,
      Duration replyTimeout,
      BoundedServerSocket.Limits connections) {}

  /** The largest body the live state endpoint reads (its requests have none). */
  private static final int ADMIN_MAX_BODY_BYTES = 1024;

  /**
   * The bodies a server holds that are not in the job yet (its subtasks are backpressured): 64 MiB,
   * or one body if larger. Beyond that, requests get {@code 503} like those beyond {@code
   * maxPendingRequests}.
   */
  static long maxQueuedBodyBytes(int maxBodyBytes) {
    return Math.max(64L << 20, maxBodyBytes);
  }

  /** The live state endpoint serves operators and tools, not traffic. */
  private static final BoundedServerSocket.Limits ADMIN_CONNECTIONS =
      new BoundedServerSocket.Limits(64, Duration.ofSeconds(60));

  private final Settings settings;
  private final ServerProtocol protocol;
  // set once by start(), right after the server exists: connections need the server from the first
  private @Nullable BoundedServerSocket socket;
  private final AtomicInteger pendingCount = new AtomicInteger();
  // bodies admitted and not yet taken into the job; only the event loop adds
  private final AtomicLong queuedBodyBytes = new AtomicLong();
  private final List<SubtaskRequests> attached = new CopyOnWriteArrayList<>();
  private final Map<Integer, SubtaskRequests> bySubtask = new ConcurrentHashMap<>();
  // event loop only
  private int nextSubtask;

  private HttpIngressServer(Settings settings, ServerProtocol protocol) {
    this.settings = settings;
    this.protocol = protocol;
  }

  /** The server of an HTTP ingress; fails with the address if it cannot bind it. */
  public static HttpIngressServer forIngress(HttpIngressSpec spec) {
    String authToken = spec.resolveAuthToken().orElse(null);
    String bindHost = spec.resolveBindHost();
    HttpIngressServer server =
        start(
            new Settings(
                "HTTP ingress " + spec.id(),
                bindHost,
                spec.port(),
                spec.maxBodyBytes(),
                spec.maxPendingRequests(),
                spec.replyTimeout(),
                new BoundedServerSocket.Limits(spec.maxConnections(), spec.idleTimeout())),
            new RequestParser(spec, authToken),
            spec.tls().map(tls -> sslContext(spec, tls)).orElse(null));
    if (spec.dialect() == RequestDialect.STATEFUN && authToken == null && !isLoopback(bindHost)) {
      LOG.warn(
          "HTTP ingress {} on port {} binds {}, beyond this machine, and has no authToken: anyone"
              + " who reaches the port can call its targets {}",
          spec.id(),
          spec.port(),
          bindHost,
          spec.targets());
    }
    return server;
  }

  /** The server of the live state endpoint; fails with the address if it cannot bind it. */
  public static HttpIngressServer forAdmin(AdminSpec spec) {
    return start(
        new Settings(
            "Live state endpoint",
            spec.bindHost(),
            spec.port(),
            ADMIN_MAX_BODY_BYTES,
            spec.maxPendingRequests(),
            AdminSpec.REPLY_TIMEOUT,
            ADMIN_CONNECTIONS),
        new AdminRequestParser(spec.token().orElse(null)),
        null);
  }

  private static HttpIngressServer start(
      Settings settings, ServerProtocol protocol, @Nullable SslContext tls) {
    HttpIngressServer server = new HttpIngressServer(settings, protocol);
    server.socket =
        BoundedServerSocket.listen(
            settings.name(),
            "statefun-http-ingress",
            settings.bindHost(),
            settings.port(),
            settings.connections(),
            channel -> {
              if (tls != null) {
                channel.pipeline().addLast(tls.newHandler(channel.alloc()));
              }
              channel
                  .pipeline()
                  .addLast(new HttpServerCodec())
                  .addLast(new BoundedBody(settings.maxBodyBytes()));
            },
            () -> new Connection(server, protocol));
    LOG.info(
        "{} listening on {}:{}: {}; at most {} connections, closed when idle for {}",
        settings.name(),
        settings.bindHost(),
        settings.port(),
        protocol.describe(),
        settings.connections().maxConnections(),
        settings.connections().idleTimeout());
    return server;
  }

  /** Whether {@code bindHost} is a loopback address only this machine reaches. */
  static boolean isLoopback(String bindHost) {
    try {
      return InetAddress.getByName(bindHost).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static SslContext sslContext(HttpIngressSpec spec, HttpIngressTls tls) {
    try {
      SslContextBuilder builder =
          SslContextBuilder.forServer(
              TlsContexts.keyManagers(tls.cert(), tls.key(), tls.keyPassword()));
      if (tls.trustCaCerts() != null) {
        builder
            .trustManager(TlsContexts.trustManagers(tls.trustCaCerts()))
            .clientAuth(ClientAuth.REQUIRE);
      }
      return builder.build();
    } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "HTTP ingress " + spec.id() + " cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** Attaches an ingress subtask, which from now on takes requests. */
  public SubtaskRequests attach(int subtaskIndex, Predicate<TypeName> isBound) {
    SubtaskRequests requests =
        new SubtaskRequests(subtaskIndex, isBound, protocol, queuedBodyBytes);
    SubtaskRequests previous = bySubtask.put(subtaskIndex, requests);
    if (previous != null) {
      detach(previous);
    }
    attached.add(requests);
    return requests;
  }

  /** Detaches a subtask; its waiting calls get {@code 503}. */
  public void detach(SubtaskRequests requests) {
    attached.remove(requests);
    bySubtask.remove(requests.subtaskIndex(), requests);
    requests.closeAll();
  }

  /** The requests of an attached subtask, or null. */
  public @Nullable SubtaskRequests subtask(int subtaskIndex) {
    return bySubtask.get(subtaskIndex);
  }

  /** The subtask to take the next request; null if none is attached. Event loop only. */
  @Nullable SubtaskRequests nextSubtask() {
    List<SubtaskRequests> now = attached;
    int size = now.size();
    if (size == 0) {
      return null;
    }
    try {
      return now.get(Math.floorMod(nextSubtask++, size));
    } catch (IndexOutOfBoundsException detachedMeanwhile) {
      return null;
    }
  }

  /**
   * Admits a valid request with a body of {@code bodyBytes}, unless too many wait already or the
   * bodies not yet taken into the job would exceed {@link #maxQueuedBodyBytes} (null then). Event
   * loop only.
   */
  @Nullable PendingCall admit(
      Channel channel,
      SubtaskRequests subtask,
      RequestParser.Parsed request,
      int bodyBytes,
      boolean keepAlive,
      Connection connection) {
    if (queuedBodyBytes.get() + bodyBytes > maxQueuedBodyBytes(settings.maxBodyBytes())) {
      return null;
    }
    if (pendingCount.incrementAndGet() > settings.maxPendingRequests()) {
      pendingCount.decrementAndGet();
      return null;
    }
    String requestId =
        subtask.subtaskIndex() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    PendingCall call =
        new PendingCall(
            requestId, channel, keepAlive, request.waitsForReply(), pendingCount, connection);
    subtask.admit(
        new IngressRequest(
            requestId,
            request.target(),
            request.value(),
            request.waitsForReply(),
            request.idempotencyKey()),
        bodyBytes,
        call);
    call.timeoutAfter(
        channel
            .eventLoop()
            .schedule(
                () ->
                    subtask.answer(
                        requestId, Responses.timedOut(requestId, settings.replyTimeout())),
                settings.replyTimeout().toMillis(),
                TimeUnit.MILLISECONDS));
    return call;
  }

  /**
   * The address of a request's caller, to which its function replies: its id carries the request id
   * and the idempotency key, if any ({@link IngressCallerId}).
   */
  public static Address callerOf(TypeName replyType, IngressRequest request) {
    return new Address(
        replyType, new IngressCallerId(request.requestId(), request.idempotencyKey()).toString());
  }

  /** The address of the caller of a request without an idempotency key. */
  public static Address callerOf(TypeName replyType, String requestId) {
    return new Address(replyType, requestId);
  }

  /** The request id in the id of a caller's address, without the idempotency key. */
  public static String requestIdOf(String callerId) {
    return IngressCallerId.requestIdOf(callerId);
  }

  /** The index of the subtask that holds a request, from its id; 0 for ids not made here. */
  public static int subtaskOf(String requestId) {
    int dash = requestId.indexOf('-');
    try {
      return dash <= 0 ? 0 : Math.max(0, Integer.parseInt(requestId.substring(0, dash)));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public void close() {
    for (SubtaskRequests requests : attached) {
      detach(requests);
    }
    if (socket != null) {
      socket.close();
    }
  }

  /**
   * The aggregator with this ingress's answer to a body over the limit: {@code 413} with a reason,
   * before the body is read when {@code Content-Length} says so.
   */
  private static final class BoundedBody extends HttpObjectAggregator {
    private final int maxBodyBytes;

    BoundedBody(int maxBodyBytes) {
      super(maxBodyBytes);
      this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
      FullHttpResponse response =
          Responses.error(
              HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
              "the body is larger than " + maxBodyBytes + " bytes");
      // a keep-alive client may still be sending the body: it is read and dropped (never held),
      // so the client gets this answer instead of a reset connection
      boolean keepAlive =
          !(oversized instanceof FullHttpMessage)
              && (HttpUtil.isKeepAlive(oversized) || HttpUtil.is100ContinueExpected(oversized));
      HttpUtil.setKeepAlive(response, keepAlive);
      if (keepAlive) {
        ctx.writeAndFlush(response);
      } else {
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      }
    }
  }
}
