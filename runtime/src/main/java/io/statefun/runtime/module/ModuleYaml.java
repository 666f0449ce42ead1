package io.statefun.runtime.module;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.flink.annotation.Internal;

/**
 * The text of one {@code module.yaml} and where it came from. The text travels with the job so
 * every task reads the same components without needing the file.
 */
@Internal
public record ModuleYaml(String location, String content) implements Serializable {
  public ModuleYaml {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(content, "content");
  }

  /** Reads the {@code module.yaml} at {@code url} (a file, a class-path resource, ...). */
  public static ModuleYaml read(URL url) {
    try (InputStream in = url.openStream()) {
      return decode(url.toString(), in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read module.yaml " + url + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads {@code file}, which must be UTF-8 and at most {@link YamlDocuments#MAX_CHARS} long (a
   * longer file is refused before it is read).
   *
   * @throws ModuleLoadingException naming the file, and the line of the first byte that is not
   *     UTF-8
   */
  static ModuleYaml read(Path file) {
    String location = file.toString();
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > 4L * YamlDocuments.MAX_CHARS) {
        throw YamlDocuments.tooLarge(location, size + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    return decode(location, bytes);
  }

  /**
   * The text of {@code bytes}, which must be UTF-8.
   *
   * @throws ModuleLoadingException naming the location, and the line of the first byte that is not
   *     UTF-8
   */
  static ModuleYaml decode(String location, byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int offset = in.position();
      int line = 1;
      for (int i = 0; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw ModuleYamlReader.error(
          location,
          line,
          String.format(
              "the file is not UTF-8: byte 0x%02X at offset %d; save it as UTF-8",
              bytes[offset] & 0xff, offset));
    }
    decoder.flush(out);
    return new ModuleYaml(location, out.flip().toString());
  }
}
