package io.statefun.runtime.ingress;

import io.statefun.runtime.message.Envelope;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.util.UserCodeClassLoader;

/**
 * A source that emits a sequence of records once, optionally paced, then stays idle forever (an
 * unbounded source: a finished input would end the feedback loop and the timers of delayed
 * messages). One split holds the position, so a restore resumes after the last checkpointed record.
 * Records are routed in the source task ({@link IngressRouting}) or, for {@link #ofEnvelopes}, are
 * messages already.
 */
@Internal
public final class SequenceSource<T> implements Source<Envelope, SequenceSource.Position, Integer> {
  private static final long serialVersionUID = 1L;
  private static final int UNASSIGNED_NONE = -1;

  private final Records<T> records;
  private final int recordsPerSecond;
  private final Emitter<T> emitter;

  SequenceSource(Records<T> records, int recordsPerSecond, Emitter<T> emitter) {
    this.records = records;
    this.recordsPerSecond = recordsPerSecond;
    this.emitter = emitter;
  }

  /**
   * A source of {@code count} generated messages, at most {@code recordsPerSecond} (0: no limit).
   */
  public static SequenceSource<Envelope> ofEnvelopes(
      int count, EnvelopeGenerator generator, int recordsPerSecond) {
    return new SequenceSource<>(
        new Records<>() {
          @Override
          public int size() {
            return count;
          }

          @Override
          public Envelope get(int index) {
            return generator.envelope(index);
          }
        },
        recordsPerSecond,
        new Emitter<>() {
          @Override
          public void open(UserCodeClassLoader classLoader) {}

          @Override
          public void emit(Envelope record, java.util.function.Consumer<Envelope> out) {
            out.accept(record);
          }
        });
  }

  /** Makes the message at a position of the sequence. */
  @FunctionalInterface
  public interface EnvelopeGenerator extends java.io.Serializable {
    Envelope envelope(int index);
  }

  /** The records, by position. */
  interface Records<T> extends java.io.Serializable {
    int size();

    T get(int index);
  }

  /** Turns a record into messages, in the source task. */
  interface Emitter<T> extends java.io.Serializable {
    void open(UserCodeClassLoader classLoader);

    void emit(T record, java.util.function.Consumer<Envelope> out);
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SourceReader<Envelope, Position> createReader(SourceReaderContext context) {
    emitter.open(context.getUserCodeClassLoader());
    return new Reader<>(records, recordsPerSecond, emitter);
  }

  @Override
  public SplitEnumerator<Position, Integer> createEnumerator(
      SplitEnumeratorContext<Position> context) {
    return new Enumerator(context, 0);
  }

  @Override
  public SplitEnumerator<Position, Integer> restoreEnumerator(
      SplitEnumeratorContext<Position> context, Integer unassignedPosition) {
    return new Enumerator(context, unassignedPosition);
  }

  @Override
  public SimpleVersionedSerializer<Position> getSplitSerializer() {
    return new IntSerializer<>(Position::next, Position::new);
  }

  @Override
  public SimpleVersionedSerializer<Integer> getEnumeratorCheckpointSerializer() {
    return new IntSerializer<>(i -> i, i -> i);
  }

  /** The only split: the index of the next record to emit. */
  record Position(int next) implements SourceSplit {
    @Override
    public String splitId() {
      return "list";
    }
  }

  private static final class Reader<T> implements SourceReader<Envelope, Position> {
    /** Records due within this much of now go out at once (fewer wake-ups, tiny bursts). */
    private static final long PACING_SLACK_NANOS = 1_000_000;

    private final Records<T> records;
    private final long nanosPerRecord;
    private final Emitter<T> emitter;
    private final CompletableFuture<Void> splitArrived = new CompletableFuture<>();
    private boolean hasSplit;
    private int next; // the split's position, kept as an int: a Position per record is garbage
    private long startNanos;
    private int emittedSinceStart;
    private CompletableFuture<Void> paced;
    private ScheduledExecutorService pacer;

    Reader(Records<T> records, int recordsPerSecond, Emitter<T> emitter) {
      this.records = records;
      this.nanosPerRecord = recordsPerSecond == 0 ? 0 : 1_000_000_000L / recordsPerSecond;
      this.emitter = emitter;
    }

    @Override
    public void start() {}

    @Override
    public InputStatus pollNext(ReaderOutput<Envelope> output) {
      if (!hasSplit || next >= records.size()) {
        return InputStatus.NOTHING_AVAILABLE;
      }
      if (nanosPerRecord > 0) {
        if (emittedSinceStart == 0) {
          // pace from the first record, not from start(): the split may come much later, and a
          // clock started early would release a burst to catch up
          startNanos = System.nanoTime();
        }
        long ahead = startNanos + emittedSinceStart * nanosPerRecord - System.nanoTime();
        if (ahead > PACING_SLACK_NANOS) {
          if (pacer == null) {
            // one thread: CompletableFuture.delayedExecutor would start a thread per wait on
            // machines with fewer than three cores
            pacer =
                Executors.newSingleThreadScheduledExecutor(
                    runnable -> {
                      Thread thread = new Thread(runnable, "sequence-source-pacer");
                      thread.setDaemon(true);
                      return thread;
                    });
          }
          CompletableFuture<Void> due = new CompletableFuture<>();
          paced = due;
          pacer.schedule(() -> due.complete(null), ahead, TimeUnit.NANOSECONDS);
          return InputStatus.NOTHING_AVAILABLE;
        }
      }
      emitter.emit(records.get(next), output::collect);
      next++;
      emittedSinceStart++;
      return InputStatus.MORE_AVAILABLE;
    }

    @Override
    public List<Position> snapshotState(long checkpointId) {
      return hasSplit ? List.of(new Position(next)) : List.of();
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      // before the split: wait for it; when pacing: until the next record is due;
      // after the last record: idle for good
      if (!hasSplit) {
        return splitArrived;
      }
      if (next < records.size()) {
        CompletableFuture<Void> wait = paced;
        return wait == null ? CompletableFuture.completedFuture(null) : wait;
      }
      return new CompletableFuture<>();
    }

    @Override
    public void addSplits(List<Position> splits) {
      next = splits.get(0).next();
      hasSplit = true;
      splitArrived.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {}

    @Override
    public void close() {
      if (pacer != null) {
        pacer.shutdownNow();
      }
    }
  }

  private static final class Enumerator implements SplitEnumerator<Position, Integer> {
    private final SplitEnumeratorContext<Position> context;
    private final List<Position> unassigned = new ArrayList<>();

    Enumerator(SplitEnumeratorContext<Position> context, int unassignedPosition) {
      this.context = context;
      if (unassignedPosition != UNASSIGNED_NONE) {
        unassigned.add(new Position(unassignedPosition));
      }
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {}

    @Override
    public void addSplitsBack(List<Position> splits, int subtaskId) {
      unassigned.addAll(splits);
      assignIfReaderPresent();
    }

    @Override
    public void addReader(int subtaskId) {
      assignIfReaderPresent();
    }

    private void assignIfReaderPresent() {
      Map<Integer, ?> readers = context.registeredReaders();
      if (!unassigned.isEmpty() && readers.containsKey(0)) {
        context.assignSplit(unassigned.remove(0), 0);
      }
    }

    @Override
    public Integer snapshotState(long checkpointId) {
      return unassigned.isEmpty() ? UNASSIGNED_NONE : unassigned.get(0).next();
    }

    @Override
    public void close() {}
  }

  /** Writes a value as one int. */
  private static final class IntSerializer<V> implements SimpleVersionedSerializer<V> {
    private final java.util.function.ToIntFunction<V> toInt;
    private final java.util.function.IntFunction<V> fromInt;

    IntSerializer(
        java.util.function.ToIntFunction<V> toInt, java.util.function.IntFunction<V> fromInt) {
      this.toInt = toInt;
      this.fromInt = fromInt;
    }

    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(V value) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(4);
      new DataOutputStream(bytes).writeInt(toInt.applyAsInt(value));
      return bytes.toByteArray();
    }

    @Override
    public V deserialize(int version, byte[] serialized) throws IOException {
      return fromInt.apply(new DataInputStream(new ByteArrayInputStream(serialized)).readInt());
    }
  }
}
