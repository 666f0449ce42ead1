package io.statefun.http.playground.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PlaygroundTopicsTest {
  private final PlaygroundTopics topics =
      new PlaygroundTopics(new TreeSet<>(List.of("greetings", "other")), 2);

  @Test
  void recordsAreTakenOldestFirstAndEachOnce() {
    topics.publish(
        0, 1, List.of(new TopicRecord("greetings", "a"), new TopicRecord("greetings", "b")));

    assertThat(topics.take("greetings")).isEqualTo("a");
    assertThat(topics.take("greetings")).isEqualTo("b");
    assertThat(topics.take("greetings")).isNull();
    assertThat(topics.take("other")).isNull();
  }

  @Test
  void aBatchPublishedAgainAfterARestoreIsIgnored() {
    topics.publish(0, 3, List.of(new TopicRecord("greetings", "a")));
    topics.publish(1, 2, List.of(new TopicRecord("greetings", "b")));

    assertThat(topics.publish(0, 3, List.of(new TopicRecord("greetings", "a"))).duplicate())
        .isTrue();
    assertThat(topics.publish(0, 2, List.of(new TopicRecord("greetings", "old"))).duplicate())
        .isTrue();
    assertThat(topics.publish(1, 4, List.of()).duplicate())
        .as("another subtask's batches are its own")
        .isFalse();
    assertThat(topics.size("greetings")).isEqualTo(2);
  }

  @Test
  void aFullTopicDropsNewRecordsAndSaysHowMany() {
    PlaygroundTopics.Publication publication =
        topics.publish(
            0,
            1,
            List.of(
                new TopicRecord("greetings", "a"),
                new TopicRecord("greetings", "b"),
                new TopicRecord("greetings", "c"),
                new TopicRecord("other", "d")));

    assertThat(publication.droppedByTopic()).isEqualTo(Map.of("greetings", 1));
    assertThat(topics.take("greetings")).isEqualTo("a");
    assertThat(topics.size("greetings")).isEqualTo(1);
    assertThat(topics.size("other")).isEqualTo(1);
  }

  @Test
  void anUnknownTopicIsRefused() {
    assertThatThrownBy(() -> topics.take("nonsense"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nonsense");
    assertThat(topics.hasTopic("nonsense")).isFalse();
  }
}
