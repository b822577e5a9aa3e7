/* Lengths no buffer can have. No object is larger than PTRDIFF_MAX bytes, so a length past it
 * (SIZE_MAX from a `(size_t)-1` error return, a negative ssize_t cast, a count times a size
 * that wrapped) is always a caller's mistake, and one sceau can see without reading a byte:
 * every function must refuse it with SCEAU_RESULT_INVALID_ARGUMENT, leave its out-parameters
 * NULL and not touch the buffer. Before, `slice::from_raw_parts` was handed the length:
 * undefined behaviour (a debug build aborts the process, uncatchably). tests/c_abi.rs compiles
 * and runs it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

#define SENTINEL ((void *)1)

/* Whether `result` is INVALID_ARGUMENT with a last error naming `parameter`. */
static int too_long(sceau_result result, const char *parameter) {
  char message[512];
  return result == SCEAU_RESULT_INVALID_ARGUMENT &&
         sceau_last_error_message(message, sizeof message, NULL) == SCEAU_RESULT_OK &&
         strstr(message, parameter) != NULL;
}

int main(void) {
  static const unsigned char buf[16] = {0x30, 0x82, 0x01, 0x00};
  const size_t huge[] = {SIZE_MAX, (SIZE_MAX >> 1) + 1};
  for (size_t i = 0; i < 2; i++) {
    const size_t len = huge[i];
    sceau_report *r = SENTINEL;
    CHECK(too_long(sceau_csr_check(buf, len, NULL, NULL, 0, &r), "input") && r == NULL);
    r = SENTINEL;
    CHECK(too_long(sceau_cert_check(buf, len, NULL, NULL, &r), "input") && r == NULL);
    r = SENTINEL;
    CHECK(too_long(sceau_expiry(buf, len, "standard", NULL, 0, &r), "input") && r == NULL);
    r = SENTINEL;
    CHECK(too_long(sceau_cert_match(buf, len, NULL, 0, buf, 16, &r), "cert") && r == NULL);
    r = SENTINEL;
    CHECK(too_long(sceau_cert_match(buf, 16, buf, len, NULL, 0, &r), "csr") && r == NULL);
    r = SENTINEL;
    CHECK(too_long(sceau_cert_match(buf, 16, NULL, 0, buf, len, &r), "key") && r == NULL);

    sceau_policy *policy = NULL;
    CHECK(sceau_policy_new(NULL, NULL, &policy) == SCEAU_RESULT_OK);
    r = SENTINEL;
    CHECK(too_long(sceau_csr_check_with(buf, len, policy, 0, &r), "input") && r == NULL);
    r = SENTINEL;
    CHECK(too_long(sceau_cert_check_with(buf, len, policy, &r), "input") && r == NULL);
    const char *patterns[1] = {"*ch-ville.fr"};
    CHECK(too_long(sceau_policy_set_authorized_domains(policy, patterns, len), "patterns"));
    /* Past PTRDIFF_MAX once multiplied by the size of a pointer. */
    CHECK(too_long(sceau_policy_set_authorized_domains(policy, patterns, (SIZE_MAX >> 3) + 1), "patterns"));

    sceau_verifier *v = NULL;
    CHECK(sceau_verifier_new("client", 0, &v) == SCEAU_RESULT_OK);
    CHECK(too_long(sceau_verifier_add_anchors(v, buf, len), "data"));
    CHECK(too_long(sceau_verifier_add_intermediates(v, buf, len), "intermediates"));
    CHECK(too_long(sceau_verifier_add_crls(v, buf, len), "crls"));
    CHECK(too_long(sceau_verifier_add_ocsp(v, buf, len), "responses"));
    r = SENTINEL;
    CHECK(too_long(sceau_verifier_verify(v, buf, len, &r), "chain") && r == NULL);

    sceau_assurance_options *ao = NULL;
    CHECK(sceau_assurance_options_new(0, &ao) == SCEAU_RESULT_OK);
    CHECK(too_long(sceau_assurance_options_add_recognised_cas(ao, buf, len), "data"));
    r = SENTINEL;
    CHECK(too_long(sceau_assurance_check(v, ao, buf, len, NULL, 0, NULL, NULL, 0, &r), "signature") && r == NULL);
    r = SENTINEL;
    CHECK(too_long(sceau_assurance_check(v, ao, buf, 16, buf, len, NULL, NULL, 0, &r), "data") && r == NULL);
    const uint8_t *tokens[1] = {buf};
    const size_t token_lens[1] = {len};
    r = SENTINEL;
    CHECK(too_long(sceau_assurance_check(v, ao, buf, 16, NULL, 0, tokens, token_lens, 1, &r), "timestamps[0]") && r == NULL);
    const size_t one_len[1] = {16};
    r = SENTINEL;
    CHECK(too_long(sceau_assurance_check(v, ao, buf, 16, NULL, 0, tokens, one_len, (SIZE_MAX >> 3) + 1, &r), "timestamps") && r == NULL);

    const uint8_t *inputs[1] = {buf};
    const size_t lens[1] = {len};
    sceau_report *reports[1] = {SENTINEL};
    sceau_result results[1] = {SCEAU_RESULT_OK};
    CHECK(sceau_cert_check_many(inputs, lens, 1, NULL, NULL, 1, reports, results) == SCEAU_RESULT_INVALID_ARGUMENT);
    CHECK(too_long(sceau_cert_check_many(inputs, lens, 1, NULL, NULL, 1, reports, results), "inputs[0]"));
    CHECK(reports[0] == NULL);
    CHECK(too_long(sceau_csr_check_many(inputs, lens, 1, NULL, NULL, 0, 1, reports, results), "inputs[0]"));
    CHECK(too_long(sceau_cert_check_many_with(inputs, lens, 1, policy, 1, reports, results), "inputs[0]"));
    CHECK(too_long(sceau_csr_check_many_with(inputs, lens, 1, policy, 0, 1, reports, results), "inputs[0]"));
    CHECK(too_long(sceau_cert_check_many(inputs, lens, (SIZE_MAX >> 3) + 1, NULL, NULL, 1, reports, results), "inputs"));

    sceau_assurance_options_free(ao);
    sceau_verifier_free(v);
    sceau_policy_free(policy);
  }
  printf("lengths: %d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
