/* What the C test programs share: the CHECK counter, reading a fixture, and the NULL-parameter
 * result with its message. Header-only (static inline) so each program stays one file to
 * compile. */
#ifndef SCEAU_TEST_SUPPORT_H
#define SCEAU_TEST_SUPPORT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sceau.h"

static int passed = 0, failed = 0;

#define CHECK(cond)                                                              \
  do {                                                                           \
    if (cond) {                                                                  \
      passed++;                                                                  \
    } else {                                                                     \
      failed++;                                                                  \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                            \
  } while (0)

/* The file `name` of `dir`, up to 1 MiB; exits 2 when it cannot be read. */
static inline unsigned char *read_file(const char *dir, const char *name, size_t *len) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    exit(2);
  }
  unsigned char *buf = malloc(1 << 20);
  *len = fread(buf, 1, 1 << 20, f);
  fclose(f);
  return buf;
}

/* Whether `result` is NULL_PARAMETER and the last error names `parameter`. */
static inline int null_named(sceau_result result, const char *parameter) {
  char message[256], wanted[128];
  snprintf(wanted, sizeof wanted, "%s is NULL", parameter);
  return result == SCEAU_RESULT_NULL_PARAMETER &&
         sceau_last_error_message(message, sizeof message, NULL) == SCEAU_RESULT_OK &&
         strstr(message, wanted) != NULL;
}

#endif
