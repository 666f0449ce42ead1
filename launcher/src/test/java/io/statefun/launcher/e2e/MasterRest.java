package io.statefun.launcher.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A master's REST API as the tests read it: the running job and its checkpoints. */
final class MasterRest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final String base;

  MasterRest(int restPort) {
    this.base = "http://127.0.0.1:" + restPort;
  }

  String base() {
    return base;
  }

  /** The JSON {@code GET path} answers with, or null while the server doesn't answer 200. */
  JsonNode get(String path) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(base + path)).build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? json.readTree(response.body()) : null;
    } catch (IOException e) {
      return null; // not up yet, or gone
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** POSTs a JSON body, returns the response. */
  HttpResponse<String> post(String path, Object body) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  JsonNode readTree(String text) throws IOException {
    return json.readTree(text);
  }

  /** Waits for a job in state RUNNING and returns its id. */
  String runningJob(Duration limit) throws InterruptedException {
    String[] jobId = new String[1];
    await(
        "a running job at " + base,
        limit,
        () -> {
          JsonNode overview = get("/jobs/overview");
          for (JsonNode job : overview == null ? json.createArrayNode() : overview.path("jobs")) {
            if (job.path("state").asText().equals("RUNNING")) {
              jobId[0] = job.path("jid").asText();
              return true;
            }
          }
          return false;
        });
    return jobId[0];
  }

  /** How many checkpoints of the job completed since it (re)started, or -1 if unknown. */
  long completedCheckpoints(String jobId) {
    JsonNode checkpoints = get("/jobs/" + jobId + "/checkpoints");
    return checkpoints == null ? -1 : checkpoints.path("counts").path("completed").asLong(-1);
  }

  static void await(String what, Duration limit, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what);
      }
      Thread.sleep(100); // polling interval, not a wait for an outcome
    }
  }
}
