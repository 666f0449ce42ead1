package io.statefun.bench;

import java.util.function.ToLongFunction;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** A sink that reports every record's count to the {@link RunProbe}. */
final class CountingSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  private final SerializableToLong<T> countOf;

  CountingSink(SerializableToLong<T> countOf) {
    this.countOf = countOf;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context context) {
        long count = countOf.applyAsLong(element);
        if (count != RunProbe.ALREADY_RECORDED) {
          RunProbe.record(count);
        }
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }

  /** Reads the count a record carries. */
  interface SerializableToLong<T> extends ToLongFunction<T>, java.io.Serializable {}
}
