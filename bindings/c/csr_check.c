/* Example: check a CSR from C and print the report.
 *   make && ./csr_check request.csr [profile]
 * Exit status as the CLI: 0 accepted, 1 rejected, 2 unreadable input. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sceau.h"

int main(int argc, char **argv) {
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: %s CSR_FILE [PROFILE]\n", argv[0]);
    return 2;
  }
  FILE *f = fopen(argv[1], "rb");
  if (!f) {
    perror(argv[1]);
    return 2;
  }
  static unsigned char input[1 << 20];
  size_t len = fread(input, 1, sizeof input, f);
  fclose(f);

  sceau_report *report = NULL;
  sceau_result res = sceau_csr_check(input, len, argc == 3 ? argv[2] : NULL, NULL, (uint64_t)time(NULL), &report);
  if (res != SCEAU_RESULT_OK) {
    /* The message may be of any length (it repeats the profile given): size it first. A
     * buffer too small is left untouched, so a fixed one would be printed uninitialised. */
    size_t needed = 0;
    sceau_last_error_message(NULL, 0, &needed);
    char *message = malloc(needed + 1);
    if (message && sceau_last_error_message(message, needed + 1, NULL) == SCEAU_RESULT_OK) {
      fprintf(stderr, "%s: %s\n", argv[1], message);
    } else {
      fprintf(stderr, "%s: error %u\n", argv[1], (unsigned)res);
    }
    free(message);
    return 2;
  }
  size_t needed = 0;
  sceau_report_json(report, SCEAU_LANG_EN, NULL, 0, &needed);
  char *json = malloc(needed + 1);
  if (json && sceau_report_json(report, SCEAU_LANG_EN, json, needed + 1, NULL) == SCEAU_RESULT_OK) {
    puts(json);
  }
  free(json);
  int status = sceau_report_verdict(report) == SCEAU_VERDICT_ACCEPTED ? 0 : 1;
  sceau_report_free(report);
  return status;
}
