package dev.gust.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Checks an uploaded deployment package before it is stored: it must be a zip archive, every entry
 * must stay inside the task root when extracted (no absolute paths, no {@code ..}), and it must
 * unzip to at most Lambda's 250 MB.
 *
 * <p>The unzipped size is measured by inflating every entry, not read from the headers, which a zip
 * bomb can forge; inflation stops as soon as the limit is passed.
 */
final class CodePackage {

  static final long MAX_ZIPPED = 52_428_800L;
  static final long MAX_UNZIPPED = 262_144_000L;
  static final String UNZIP_FAILED =
      "Could not unzip uploaded file. Please check your file, then try to upload again.";

  private CodePackage() {}

  /** Validates the zip and returns its unzipped size. */
  static long validate(byte[] zip) {
    return validate(zip, MAX_UNZIPPED);
  }

  static long validate(byte[] zip, long maxUnzipped) {
    if (zip.length > MAX_ZIPPED) {
      throw LambdaErrors.REQUEST_TOO_LARGE.exception(
          "Zipped size must be smaller than %d bytes", MAX_ZIPPED);
    }
    if (!hasZipSignature(zip)) {
      throw LambdaErrors.INVALID_PARAMETER.exception(UNZIP_FAILED);
    }
    long total = 0;
    byte[] buffer = new byte[64 * 1024];
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        checkEntryName(entry.getName());
        total += drain(in, buffer, maxUnzipped - total);
        if (total > maxUnzipped) {
          throw LambdaErrors.INVALID_PARAMETER.exception(
              "Unzipped size must be smaller than %d bytes", maxUnzipped);
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw LambdaErrors.INVALID_PARAMETER.exception(UNZIP_FAILED);
    }
    return total;
  }

  private static boolean hasZipSignature(byte[] zip) {
    return zip.length >= 4
        && zip[0] == 'P'
        && zip[1] == 'K'
        && ((zip[2] == 3 && zip[3] == 4) || (zip[2] == 5 && zip[3] == 6));
  }

  private static void checkEntryName(String name) {
    String normalized = name.replace('\\', '/');
    boolean escapes = normalized.startsWith("/") || normalized.matches("^[A-Za-z]:.*");
    for (String segment : normalized.split("/")) {
      escapes |= segment.equals("..");
    }
    if (escapes || normalized.indexOf('\0') >= 0) {
      throw LambdaErrors.INVALID_PARAMETER.exception(
          UNZIP_FAILED + " Entry '%s' would be extracted outside the function's directory.", name);
    }
  }

  /** Reads the current entry to its end, stopping once more than {@code budget} bytes came out. */
  private static long drain(InputStream in, byte[] buffer, long budget) throws IOException {
    long count = 0;
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      count += n;
      if (count > budget) {
        return count;
      }
    }
    return count;
  }
}
