package io.statefun.kafka.ingress;

import java.io.Serializable;
import java.util.List;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns one Kafka record into the records an ingress emits (messages, or whatever its routers
 * take). Throwing marks the record as bad; the exception's message says why.
 */
interface RecordDecoder extends Serializable {

  /** Called in the source task before decoding, with its user code class loader. */
  default void open(UserCodeClassLoader userCodeClassLoader) {}

  List<?> decode(ConsumerRecord<byte[], byte[]> record) throws Exception;
}
