// W5's peer: a virtual object whose handler `add` increments a per-key count and returns it,
// the same work as the benchmark's bench/http-counter. Serves on 127.0.0.1:$PORT (HTTP/2).
const http2 = require("node:http2");
const restate = require("@restatedev/restate-sdk");

const counter = restate.object({
  name: "Counter",
  handlers: {
    add: async (ctx) => {
      const next = ((await ctx.get("count")) ?? 0) + 1;
      ctx.set("count", next);
      return next;
    },
  },
});

const handler = restate.endpoint().bind(counter).http2Handler();
http2.createServer(handler).listen(Number(process.env.PORT), "127.0.0.1", () => {
  console.log("READY " + process.env.PORT);
});
