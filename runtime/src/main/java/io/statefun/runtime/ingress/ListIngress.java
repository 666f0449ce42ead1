package io.statefun.runtime.ingress;

import io.statefun.sdk.TypeName;
import io.statefun.sdk.io.IngressSpec;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.apache.flink.annotation.Internal;

/**
 * An in-memory ingress: emits its records once, in order, then stays open (so delayed messages and
 * the feedback loop keep running). Its position is checkpointed, so after a restore it goes on
 * where it was. Records must be serializable; they travel with the job.
 *
 * <pre>{@code
 * new ListIngress<>(TypeName.parse("example/names"), List.of("alice", "bob"))
 * }</pre>
 */
@Internal
public final class ListIngress<T extends Serializable> implements IngressSpec<T>, Serializable {
  private static final long serialVersionUID = 1L;

  public static final TypeName TYPE = TypeName.of("io.statefun.harness", "list-ingress");

  private final TypeName id;
  private final List<T> records;
  private final int recordsPerSecond;

  public ListIngress(TypeName id, List<T> records) {
    this(id, records, 0);
  }

  /** An ingress that emits at most {@code recordsPerSecond} records a second (0: no limit). */
  public ListIngress(TypeName id, List<T> records, int recordsPerSecond) {
    this.id = Objects.requireNonNull(id, "id");
    this.records = List.copyOf(records);
    if (recordsPerSecond < 0) {
      throw new IllegalArgumentException("recordsPerSecond must not be negative");
    }
    this.recordsPerSecond = recordsPerSecond;
  }

  /** The pace limit in records per second; 0 for none. */
  public int recordsPerSecond() {
    return recordsPerSecond;
  }

  @Override
  public TypeName id() {
    return id;
  }

  @Override
  public TypeName type() {
    return TYPE;
  }

  public List<T> records() {
    return records;
  }
}
