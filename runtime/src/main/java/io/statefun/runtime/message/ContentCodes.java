package io.statefun.runtime.message;

import io.statefun.sdk.TypeName;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * 64-bit codes for function types, derived from their names alone (the first 8 bytes of the name's
 * SHA-256), so that a code means the same type in every version of an application: bytes written by
 * one job and read by another, as the in-flight messages of an unaligned checkpoint are, never name
 * another type. Two types of the table whose codes collide get none (they travel by name).
 */
final class ContentCodes {
  private final Map<TypeName, Long> codeOfType = new HashMap<>();
  private final long[] codes;
  private final @Nullable TypeName[] types;

  ContentCodes(List<TypeName> functionTypes) {
    Set<Long> colliding = new HashSet<>();
    Map<Long, TypeName> typeOfCode = new HashMap<>();
    for (TypeName type : functionTypes) {
      long code = derive(type);
      TypeName other = typeOfCode.putIfAbsent(code, type);
      if (other != null && !other.equals(type)) {
        colliding.add(code);
      }
    }
    colliding.forEach(typeOfCode::remove);
    int capacity = Integer.highestOneBit(Math.max(4, typeOfCode.size() * 4) - 1) << 1;
    codes = new long[capacity];
    types = new TypeName[capacity];
    typeOfCode.forEach(
        (code, type) -> {
          codeOfType.put(type, code);
          int slot = slot(code);
          while (types[slot] != null) {
            slot = (slot + 1) & (capacity - 1);
          }
          codes[slot] = code;
          types[slot] = type;
        });
  }

  /** The code of {@code type}, or null when it has none in this table. */
  @Nullable Long codeOf(TypeName type) {
    return codeOfType.get(type);
  }

  /** The type whose code is {@code code}, or null when it is not in this table. */
  @Nullable TypeName typeOf(long code) {
    for (int slot = slot(code); types[slot] != null; slot = (slot + 1) & (types.length - 1)) {
      if (codes[slot] == code) {
        return types[slot];
      }
    }
    return null;
  }

  private int slot(long code) {
    return (int) (code ^ (code >>> 32)) & (types.length - 1);
  }

  static long derive(TypeName type) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(type.canonical().getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }
}
