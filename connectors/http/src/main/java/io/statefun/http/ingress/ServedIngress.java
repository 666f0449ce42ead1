package io.statefun.http.ingress;

import io.statefun.http.HttpIngressSpec;
import io.statefun.http.ReplyAfter;
import io.statefun.http.server.HttpIngressServer;
import io.statefun.runtime.admin.AdminProtocol;
import io.statefun.runtime.admin.AdminSpec;
import io.statefun.sdk.TypeName;
import java.io.Serializable;

/**
 * An ingress served by a {@link HttpIngressServer}, as its source and replies operator see it: an
 * HTTP ingress, or the live state endpoint. Serializable into the job graph.
 */
interface ServedIngress extends Serializable {

  /** The ingress's id; with the job id, it names the TaskManager's shared server. */
  TypeName id();

  /** The function type of the requests' callers, to which the answers are sent. */
  TypeName replyType();

  /** When answers are released to the callers. */
  ReplyAfter replyAfter();

  /** What logs and operator names call it. */
  String name();

  /** Starts the server (on a TaskManager, by the first of its subtasks there). */
  HttpIngressServer startServer();

  static ServedIngress of(HttpIngressSpec spec) {
    return new Http(spec);
  }

  static ServedIngress of(AdminSpec spec) {
    return new Admin(spec);
  }

  /** An {@code io.statefun.http.v1/ingress}. */
  record Http(HttpIngressSpec spec) implements ServedIngress {
    @Override
    public TypeName id() {
      return spec.id();
    }

    @Override
    public TypeName replyType() {
      return spec.replyType();
    }

    @Override
    public ReplyAfter replyAfter() {
      return spec.replyAfter();
    }

    @Override
    public String name() {
      return "http ingress " + spec.id();
    }

    @Override
    public HttpIngressServer startServer() {
      return HttpIngressServer.forIngress(spec);
    }
  }

  /**
   * The live state endpoint: its answers change nothing, so they are released at once (no
   * checkpoint has anything to make durable).
   */
  record Admin(AdminSpec spec) implements ServedIngress {
    @Override
    public TypeName id() {
      return spec.id();
    }

    @Override
    public TypeName replyType() {
      return AdminProtocol.CALLER_TYPE;
    }

    @Override
    public ReplyAfter replyAfter() {
      return ReplyAfter.INVOKE;
    }

    @Override
    public String name() {
      return "live state endpoint";
    }

    @Override
    public HttpIngressServer startServer() {
      return HttpIngressServer.forAdmin(spec);
    }
  }
}
