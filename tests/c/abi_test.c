/* Exercises the C ABI as a C caller would: compiled with gcc -Wall -Wextra -Werror against
 * libsceau.a by tests/c_abi.rs, which runs it with the fixtures directory as argument. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sceau.h"

static int passed = 0, failed = 0;

#define CHECK(cond)                                                   \
  do {                                                                \
    if (cond) {                                                       \
      passed++;                                                       \
    } else {                                                          \
      failed++;                                                       \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                 \
  } while (0)

static unsigned char *read_file(const char *dir, const char *name, size_t *len) {
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

static sceau_report *check(const char *dir, const char *name, const char *profile, sceau_result *res) {
  size_t len;
  unsigned char *bytes = read_file(dir, name, &len);
  sceau_report *report = (sceau_report *)1; /* must be overwritten */
  *res = sceau_csr_check(bytes, len, profile, (uint64_t)time(NULL), &report);
  free(bytes);
  return report;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s FIXTURES_DIR\n", argv[0]);
    return 2;
  }
  const char *dir = argv[1];
  sceau_result res;

  /* An acceptable CSR. */
  sceau_report *good = check(dir, "rsa2048-san.csr", NULL, &res);
  CHECK(res == SCEAU_RESULT_OK);
  CHECK(good != NULL);
  CHECK(sceau_report_verdict(good) == SCEAU_VERDICT_ACCEPTED);
  CHECK(sceau_report_findings_len(good) == 0);

  /* The JSON buffer contract: ask the size, then fetch. */
  size_t needed = 0;
  CHECK(sceau_report_json(good, SCEAU_LANG_EN, NULL, 0, &needed) == SCEAU_RESULT_INSUFFICIENT_SIZE);
  CHECK(needed > 100);
  char *json = malloc(needed + 1);
  size_t written = 0;
  CHECK(sceau_report_json(good, SCEAU_LANG_EN, json, needed + 1, &written) == SCEAU_RESULT_OK);
  CHECK(written == needed);
  CHECK(strlen(json) == needed);
  CHECK(strstr(json, "\"verdict\": \"accepted\"") != NULL);
  CHECK(strstr(json, "\"schema\": \"sceau.report/1\"") != NULL);
  free(json);
  sceau_report_free(good);

  /* A rejected CSR: the call succeeds, the verdict rejects, findings carry their codes. */
  sceau_report *weak = check(dir, "rsa1024.csr", "baseline", &res);
  CHECK(res == SCEAU_RESULT_OK);
  CHECK(sceau_report_verdict(weak) == SCEAU_VERDICT_REJECTED);
  CHECK(sceau_report_findings_len(weak) == 1);
  char code[64];
  CHECK(sceau_report_finding_code(weak, 0, code, sizeof code, NULL) == SCEAU_RESULT_OK);
  CHECK(strcmp(code, "key.rsa.too_small") == 0);
  sceau_severity sev = SCEAU_SEVERITY_NOTICE;
  CHECK(sceau_report_finding_severity(weak, 0, &sev) == SCEAU_RESULT_OK);
  CHECK(sev == SCEAU_SEVERITY_ERROR);
  CHECK(sceau_report_finding_code(weak, 1, code, sizeof code, NULL) == SCEAU_RESULT_INVALID_ARGUMENT);
  char text[4096];
  CHECK(sceau_report_text(weak, SCEAU_LANG_FR, text, sizeof text, NULL) == SCEAU_RESULT_OK);
  CHECK(strncmp(text, "REFUSÉ", strlen("REFUSÉ")) == 0);
  CHECK(strstr(text, "il en faut au moins 2048") != NULL);
  sceau_report_free(weak);

  /* Input that is not a CSR: a typed result, no report, a detailed message. */
  sceau_report *none = check(dir, "certificate.pem", NULL, &res);
  CHECK(res == SCEAU_RESULT_INPUT_WRONG_KIND);
  CHECK(none == NULL);
  char message[512];
  CHECK(sceau_last_error_message(message, sizeof message, NULL) == SCEAU_RESULT_OK);
  CHECK(strstr(message, "CERTIFICATE") != NULL);
  CHECK(strstr(message, "certificate signing request") != NULL);
  none = check(dir, "truncated.der", NULL, &res);
  CHECK(res == SCEAU_RESULT_INPUT_TRUNCATED);
  none = check(dir, "rsa2048-san.csr", "no-such-profile", &res);
  CHECK(res == SCEAU_RESULT_UNKNOWN_PROFILE);
  CHECK(none == NULL);

  /* NULL arguments are refused, never dereferenced. */
  sceau_report *out = NULL;
  CHECK(sceau_csr_check(NULL, 10, NULL, 0, &out) == SCEAU_RESULT_NULL_PARAMETER);
  CHECK(sceau_csr_check((const uint8_t *)"x", 1, NULL, 0, NULL) == SCEAU_RESULT_NULL_PARAMETER);
  CHECK(sceau_report_json(NULL, SCEAU_LANG_EN, message, sizeof message, NULL) == SCEAU_RESULT_NULL_PARAMETER);
  CHECK(sceau_report_verdict(NULL) == SCEAU_VERDICT_REJECTED);
  CHECK(sceau_report_findings_len(NULL) == 0);
  sceau_report_free(NULL);

  /* Every result has a message. */
  CHECK(sceau_result_message(SCEAU_RESULT_INPUT_BAD_BASE64, message, sizeof message, NULL) == SCEAU_RESULT_OK);
  CHECK(strcmp(message, "broken base64") == 0);
  CHECK(strlen(sceau_version()) > 0);

  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
