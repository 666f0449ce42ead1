// The StateFun playground's javascript/greeter, written against the official JS SDK
// (npm apache-flink-statefun 3.3.0): example/person counts visits and forwards the request to
// example/greeter, which sends a greeting to the playground egress's "greetings" topic.
"use strict";

const http = require("http");
const { StateFun, messageBuilder, egressMessageBuilder } = require("apache-flink-statefun");

const GreetRequest = StateFun.jsonType("example/GreetRequest");
const EgressRecord = StateFun.jsonType("io.statefun.playground/EgressRecord");

function greetingFor(name, visits) {
  switch (visits) {
    case 1:
      return `Welcome ${name}`;
    case 2:
      return `Nice to see you again ${name}`;
    case 3:
      return `Third time is a charm ${name}`;
    default:
      return `Nice to see you at the ${visits}-nth time ${name}!`;
  }
}

const statefun = new StateFun();

statefun.bind({
  typename: "example/person",
  specs: [{ name: "visits", type: StateFun.intType() }],
  fn: async (context, message) => {
    const visits = (context.storage.visits || 0) + 1;
    context.storage.visits = visits;
    const request = message.as(GreetRequest);
    request.visits = visits;
    context.send(
      messageBuilder({ typename: "example/greeter", id: request.name, value: request, valueType: GreetRequest })
    );
  },
});

statefun.bind({
  typename: "example/greeter",
  fn: async (context, message) => {
    const request = message.as(GreetRequest);
    context.send(
      egressMessageBuilder({
        typename: "io.statefun.playground/egress",
        value: { topic: "greetings", payload: greetingFor(request.name, request.visits) },
        valueType: EgressRecord,
      })
    );
  },
});

const port = Number(process.env.PORT);
http.createServer(statefun.handler()).listen(port, "127.0.0.1", () => {
  console.log(`functions listening on 127.0.0.1:${port}`);
});
