/* Example: the Diapason payment gateway (GAP) checks a payment terminal's client chain in
 * mutual TLS, with revocation required, as sceau's Diapason client preset does.
 *
 *   ./diapason_gateway ANCHORS CHAIN [--crl FILE]... [--ocsp FILE]... [--time UNIX]
 *
 * ANCHORS: the trust anchors (PEM bundle or DER); CHAIN: the terminal's chain, leaf first;
 * each --crl a CRL (PEM or DER) and each --ocsp a DER OCSP response; --time the validation
 * time in seconds since 1970 (default: now). Prints the verdict and every finding (severity,
 * code, field, message) and exits as the CLI: 0 accepted, 1 rejected, 2 unreadable input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sceau.h"

/* Reads a whole file; NULL (with a message) when it cannot. */
static unsigned char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    return NULL;
  }
  size_t cap = 1 << 16, n = 0;
  unsigned char *buf = malloc(cap);
  while (buf) {
    n += fread(buf + n, 1, cap - n, f);
    if (n < cap) break;
    unsigned char *bigger = realloc(buf, cap * 2);
    if (!bigger) {
      free(buf);
      buf = NULL;
      break;
    }
    buf = bigger;
    cap *= 2;
  }
  fclose(f);
  *len = n;
  return buf;
}

/* Prints the last error of sceau after `what` failed; returns 2 (unreadable input). */
static int fail(const char *what, sceau_result res) {
  /* The message may be of any length (it may quote the input): size it first. A buffer too
   * small is left untouched, so a fixed one would be printed uninitialised. */
  char name[128] = "";
  sceau_result_message(res, name, sizeof name, NULL);
  size_t needed = 0;
  sceau_last_error_message(NULL, 0, &needed);
  char *message = malloc(needed + 1);
  if (!message || sceau_last_error_message(message, needed + 1, NULL) != SCEAU_RESULT_OK) {
    free(message);
    message = NULL;
  }
  fprintf(stderr, "%s: %s (%s)\n", what, message ? message : "", name);
  free(message);
  return 2;
}

typedef sceau_result (*add_fn)(sceau_verifier *, const uint8_t *, size_t);

/* Adds the objects of one file to the verifier. */
static int add_file(sceau_verifier *verifier, add_fn add, const char *path) {
  size_t len;
  unsigned char *bytes = slurp(path, &len);
  if (!bytes) return 2;
  sceau_result res = add(verifier, bytes, len);
  free(bytes);
  return res == SCEAU_RESULT_OK ? 0 : fail(path, res);
}

/* Writes one text of a finding with a buffer sized by a first call. */
static char *finding_text(const sceau_report *report, size_t index, int which) {
  size_t needed = 0;
  char *text = NULL;
  for (int pass = 0; pass < 2; pass++) {
    size_t len = pass == 0 ? 0 : needed + 1;
    sceau_result res =
        which == 0   ? sceau_report_finding_code(report, index, text, len, &needed)
        : which == 1 ? sceau_report_finding_field(report, index, text, len, &needed)
                     : sceau_report_finding_message(report, index, SCEAU_LANG_EN, text, len, &needed);
    if (pass == 0 && res == SCEAU_RESULT_INSUFFICIENT_SIZE) {
      text = malloc(needed + 1);
      if (!text) return NULL;
    } else if (res != SCEAU_RESULT_OK) {
      free(text);
      return NULL;
    }
  }
  return text;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s ANCHORS CHAIN [--crl FILE]... [--ocsp FILE]... [--time UNIX]\n", argv[0]);
    return 2;
  }
  uint64_t now = (uint64_t)time(NULL);
  for (int i = 3; i + 1 < argc; i += 2) {
    if (strcmp(argv[i], "--time") == 0) now = strtoull(argv[i + 1], NULL, 10);
  }
  sceau_verifier *verifier = NULL;
  sceau_result res = sceau_verifier_new_diapason_client(now, &verifier);
  if (res != SCEAU_RESULT_OK) return fail("verifier", res);
  int status = add_file(verifier, sceau_verifier_add_anchors, argv[1]);
  for (int i = 3; status == 0 && i < argc; i += 2) {
    if (i + 1 >= argc) {
      fprintf(stderr, "%s needs a value\n", argv[i]);
      status = 2;
    } else if (strcmp(argv[i], "--crl") == 0) {
      status = add_file(verifier, sceau_verifier_add_crls, argv[i + 1]);
    } else if (strcmp(argv[i], "--ocsp") == 0) {
      status = add_file(verifier, sceau_verifier_add_ocsp, argv[i + 1]);
    } else if (strcmp(argv[i], "--time") != 0) {
      fprintf(stderr, "unknown option %s\n", argv[i]);
      status = 2;
    }
  }
  size_t chain_len = 0;
  unsigned char *chain = status == 0 ? slurp(argv[2], &chain_len) : NULL;
  if (status == 0 && !chain) status = 2;
  sceau_report *report = NULL;
  if (status == 0) {
    res = sceau_verifier_verify(verifier, chain, chain_len, &report);
    if (res != SCEAU_RESULT_OK) status = fail(argv[2], res);
  }
  if (report) {
    int accepted = sceau_report_verdict(report) == SCEAU_VERDICT_ACCEPTED;
    printf("%s: %s\n", argv[2], accepted ? "ACCEPTED" : "REJECTED");
    static const char *severities[] = {"notice", "warning", "error"};
    for (size_t i = 0; i < sceau_report_findings_len(report); i++) {
      sceau_severity severity = SCEAU_SEVERITY_ERROR;
      sceau_report_finding_severity(report, i, &severity);
      char *code = finding_text(report, i, 0), *field = finding_text(report, i, 1),
           *message = finding_text(report, i, 2);
      printf("  %-7s %s [%s] %s\n", severities[severity], code ? code : "?", field ? field : "",
             message ? message : "");
      free(code);
      free(field);
      free(message);
    }
    status = accepted ? 0 : 1;
    sceau_report_free(report);
  }
  free(chain);
  sceau_verifier_free(verifier);
  return status;
}
