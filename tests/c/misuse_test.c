/* The C ABI misused, function by function, as a careless or hostile caller would: NULL for
 * every pointer, zero lengths, strings that are not UTF-8, buffers one byte too small and
 * integers outside every enum. Each call must return its documented result, name the NULL
 * parameter in the last error, leave out-parameters NULL and never write past a buffer.
 * tests/c_abi.rs compiles it with -Wall -Wextra -Werror, runs it under valgrind, and checks
 * that every function of include/sceau.h is named here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

static const char NOT_UTF8[] = "\xff\xfe";
static const uint64_t DEC_2026 = 1796083200ull; /* 2026-12-01 */
static const uint64_t JUNE_2027 = 1811808000ull;
#define SENTINEL ((void *)1)



/* One function that writes text, bound to its other arguments. */
typedef sceau_result (*text_fn)(const void *ctx, char *buf, size_t len, size_t *out_n);

/* The buffer contract of every text function: NULL buffer or len 0 gives the needed length;
 * a buffer one byte too small (no room for the NUL) is refused and left untouched; the exact
 * size works; out_n may be NULL. Returns the needed length. */
static size_t text_contract(text_fn fn, const void *ctx, const char *name) {
  const int failed_before = failed;
  size_t needed = 12345;
  CHECK(fn(ctx, NULL, 0, &needed) == SCEAU_RESULT_INSUFFICIENT_SIZE);
  CHECK(needed > 0 && needed != 12345);
  size_t zero = 12345;
  char one = 'Z';
  CHECK(fn(ctx, &one, 0, &zero) == SCEAU_RESULT_INSUFFICIENT_SIZE && zero == needed && one == 'Z');
  CHECK(fn(ctx, NULL, 100000, NULL) == SCEAU_RESULT_INSUFFICIENT_SIZE);
  char *buf = malloc(needed + 1);
  memset(buf, 'Z', needed + 1);
  size_t got = 0;
  CHECK(fn(ctx, buf, needed, &got) == SCEAU_RESULT_INSUFFICIENT_SIZE);
  CHECK(got == needed);
  int untouched = 1;
  for (size_t i = 0; i < needed + 1; i++) untouched &= buf[i] == 'Z';
  CHECK(untouched);
  CHECK(fn(ctx, buf, needed + 1, &got) == SCEAU_RESULT_OK && got == needed && strlen(buf) == needed);
  CHECK(fn(ctx, buf, needed + 1, NULL) == SCEAU_RESULT_OK && strlen(buf) == needed);
  if (failed > failed_before) fprintf(stderr, "  (text contract of %s)\n", name);
  free(buf);
  return needed;
}

/* Adapters: each text function with a report (or nothing) bound. */
static sceau_result t_json(const void *r, char *b, size_t l, size_t *n) { return sceau_report_json(r, SCEAU_LANG_FR, b, l, n); }
static sceau_result t_text(const void *r, char *b, size_t l, size_t *n) { return sceau_report_text(r, SCEAU_LANG_EN, b, l, n); }
static sceau_result t_facts(const void *r, char *b, size_t l, size_t *n) { return sceau_report_facts_json(r, SCEAU_LANG_EN, b, l, n); }
static sceau_result t_profile(const void *r, char *b, size_t l, size_t *n) { return sceau_report_profile(r, b, l, n); }
static sceau_result t_code(const void *r, char *b, size_t l, size_t *n) { return sceau_report_finding_code(r, 0, b, l, n); }
static sceau_result t_field(const void *r, char *b, size_t l, size_t *n) { return sceau_report_finding_field(r, 0, b, l, n); }
static sceau_result t_message(const void *r, char *b, size_t l, size_t *n) { return sceau_report_finding_message(r, 0, SCEAU_LANG_FR, b, l, n); }
static sceau_result t_source(const void *r, char *b, size_t l, size_t *n) { return sceau_report_finding_source(r, 0, b, l, n); }
static sceau_result t_rules(const void *c, char *b, size_t l, size_t *n) { (void)c; return sceau_rules_json(SCEAU_LANG_EN, b, l, n); }
static sceau_result t_profiles(const void *c, char *b, size_t l, size_t *n) { return sceau_profiles_json(c, b, l, n); }
static sceau_result t_result(const void *c, char *b, size_t l, size_t *n) { (void)c; return sceau_result_message(SCEAU_RESULT_INPUT_BAD_DER, b, l, n); }
static sceau_result t_last(const void *c, char *b, size_t l, size_t *n) { (void)c; return sceau_last_error_message(b, l, n); }

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s TESTS_DATA_DIR\n", argv[0]);
    return 2;
  }
  const char *dir = argv[1];
  size_t csr_len, cert_len, key_len, weak_len, root_len, crl_len, chain_len, ocsp_len, sig_len, data_len;
  unsigned char *csr = read_file(dir, "csr/p256.csr", &csr_len);
  unsigned char *weak = read_file(dir, "csr/rsa1024.csr", &weak_len);
  unsigned char *cert = read_file(dir, "match/rsa.pem", &cert_len);
  unsigned char *key = read_file(dir, "match/rsa-pkcs1.key", &key_len);
  unsigned char *root = read_file(dir, "chain/ingetrust-root.pem", &root_len);
  unsigned char *crl = read_file(dir, "chain/ingetrust-ca.crl.der", &crl_len);
  unsigned char *chain = read_file(dir, "chain/tpe-good-chain.pem", &chain_len);
  unsigned char *ocsp = read_file(dir, "chain/tpe-revoked.ocsp.der", &ocsp_len);
  unsigned char *sig = read_file(dir, "assurance/qes-t.p7s", &sig_len);
  unsigned char *data = read_file(dir, "assurance/data.txt", &data_len);

  /* Results and messages: defined for any integer. */
  char message[512];
  CHECK(sceau_result_message(SCEAU_RESULT_OK, message, sizeof message, NULL) == SCEAU_RESULT_OK);
  const uint32_t not_results[] = {0, 1, 6999, 7007, 7099, 7110, 7200, 0x7fffffffu, 0xffffffffu};
  for (size_t i = 0; i < sizeof not_results / sizeof *not_results; i++) {
    size_t n = 77;
    CHECK(sceau_result_message(not_results[i], message, sizeof message, &n) == SCEAU_RESULT_INVALID_ARGUMENT && n == 0);
  }
  text_contract(t_result, NULL, "sceau_result_message");
  text_contract(t_last, NULL, "sceau_last_error_message");
  CHECK(sceau_version() != NULL && strlen(sceau_version()) > 0);

  /* Rules and profiles. */
  CHECK(text_contract(t_rules, NULL, "sceau_rules_json") > 10000);
  CHECK(text_contract(t_profiles, NULL, "sceau_profiles_json") > 1000);
  CHECK(sceau_rules_json(2, message, sizeof message, NULL) == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(sceau_rules_json(0xffffffffu, message, sizeof message, NULL) == SCEAU_RESULT_INVALID_ARGUMENT);

  /* Catalogues. */
  sceau_catalog *catalog = SENTINEL;
  CHECK(null_named(sceau_catalog_new_from_toml(NULL, &catalog), "toml") && catalog == NULL);
  CHECK(null_named(sceau_catalog_new_from_toml("", NULL), "catalog_out"));
  catalog = SENTINEL;
  CHECK(sceau_catalog_new_from_toml(NOT_UTF8, &catalog) == SCEAU_RESULT_INVALID_ARGUMENT && catalog == NULL);
  CHECK(sceau_catalog_new_from_toml("", &catalog) == SCEAU_RESULT_OK && catalog != NULL);
  text_contract(t_profiles, catalog, "sceau_profiles_json (catalog)");
  sceau_catalog_free(catalog);
  sceau_catalog_free(NULL);

  /* CSR and certificate checks. */
  sceau_report *r = SENTINEL;
  CHECK(null_named(sceau_csr_check(NULL, csr_len, NULL, NULL, DEC_2026, &r), "input") && r == NULL);
  CHECK(null_named(sceau_csr_check(csr, csr_len, NULL, NULL, DEC_2026, NULL), "report_out"));
  r = SENTINEL;
  CHECK(sceau_csr_check(csr, 0, NULL, NULL, DEC_2026, &r) == SCEAU_RESULT_INPUT_EMPTY && r == NULL);
  r = SENTINEL;
  CHECK(sceau_csr_check(csr, csr_len, NOT_UTF8, NULL, DEC_2026, &r) == SCEAU_RESULT_INVALID_ARGUMENT && r == NULL);
  CHECK(sceau_csr_check(csr, csr_len / 2, NULL, NULL, DEC_2026, &r) != SCEAU_RESULT_OK && r == NULL);
  CHECK(sceau_csr_check(csr, csr_len, NULL, NULL, UINT64_MAX, &r) == SCEAU_RESULT_OK);
  sceau_report_free(r);
  r = SENTINEL;
  CHECK(null_named(sceau_cert_check(NULL, 1, "auto", NULL, &r), "input") && r == NULL);
  CHECK(null_named(sceau_cert_check(cert, cert_len, "auto", NULL, NULL), "report_out"));
  r = SENTINEL;
  CHECK(sceau_cert_check(cert, 0, "auto", NULL, &r) == SCEAU_RESULT_INPUT_EMPTY && r == NULL);
  r = SENTINEL;
  CHECK(sceau_cert_check(cert, cert_len, NOT_UTF8, NULL, &r) == SCEAU_RESULT_INVALID_ARGUMENT && r == NULL);
  r = SENTINEL;
  CHECK(sceau_cert_check(cert, cert_len, "", NULL, &r) == SCEAU_RESULT_UNKNOWN_PROFILE && r == NULL);

  /* Reports: every accessor, NULL and out of range. */
  CHECK(sceau_csr_check(weak, weak_len, NULL, NULL, DEC_2026, &r) == SCEAU_RESULT_OK);
  CHECK(sceau_report_findings_len(r) >= 1);
  text_contract(t_json, r, "sceau_report_json");
  text_contract(t_text, r, "sceau_report_text");
  text_contract(t_facts, r, "sceau_report_facts_json");
  CHECK(text_contract(t_profile, r, "sceau_report_profile") == strlen("baseline"));
  text_contract(t_code, r, "sceau_report_finding_code");
  text_contract(t_field, r, "sceau_report_finding_field");
  text_contract(t_message, r, "sceau_report_finding_message");
  text_contract(t_source, r, "sceau_report_finding_source");
  const uint32_t not_langs[] = {2, 3, 0x80000000u, 0xffffffffu};
  for (size_t i = 0; i < sizeof not_langs / sizeof *not_langs; i++) {
    size_t n = 77;
    CHECK(sceau_report_json(r, not_langs[i], message, sizeof message, &n) == SCEAU_RESULT_INVALID_ARGUMENT && n == 0);
    CHECK(sceau_report_text(r, not_langs[i], message, sizeof message, NULL) == SCEAU_RESULT_INVALID_ARGUMENT);
    CHECK(sceau_report_facts_json(r, not_langs[i], message, sizeof message, NULL) == SCEAU_RESULT_INVALID_ARGUMENT);
    CHECK(sceau_report_finding_message(r, 0, not_langs[i], message, sizeof message, NULL) == SCEAU_RESULT_INVALID_ARGUMENT);
  }
  const size_t far = sceau_report_findings_len(r);
  const size_t indexes[] = {far, far + 1, (size_t)-1};
  for (size_t i = 0; i < 3; i++) {
    size_t n = 77;
    sceau_severity sev = SCEAU_SEVERITY_NOTICE;
    CHECK(sceau_report_finding_code(r, indexes[i], message, sizeof message, &n) == SCEAU_RESULT_INVALID_ARGUMENT && n == 0);
    CHECK(sceau_report_finding_field(r, indexes[i], message, sizeof message, NULL) == SCEAU_RESULT_INVALID_ARGUMENT);
    CHECK(sceau_report_finding_message(r, indexes[i], SCEAU_LANG_EN, message, sizeof message, NULL) == SCEAU_RESULT_INVALID_ARGUMENT);
    CHECK(sceau_report_finding_source(r, indexes[i], message, sizeof message, NULL) == SCEAU_RESULT_INVALID_ARGUMENT);
    /* Fail closed: a caller that ignores the result reads a rejecting severity. */
    CHECK(sceau_report_finding_severity(r, indexes[i], &sev) == SCEAU_RESULT_INVALID_ARGUMENT && sev == SCEAU_SEVERITY_ERROR);
  }
  CHECK(null_named(sceau_report_finding_severity(r, 0, NULL), "out"));
  {
    sceau_severity sev = SCEAU_SEVERITY_NOTICE;
    CHECK(null_named(sceau_report_finding_severity(NULL, 0, &sev), "report") && sev == SCEAU_SEVERITY_ERROR);
  }
  CHECK(null_named(sceau_report_json(NULL, SCEAU_LANG_EN, message, sizeof message, NULL), "report"));
  CHECK(null_named(sceau_report_text(NULL, SCEAU_LANG_EN, message, sizeof message, NULL), "report"));
  CHECK(null_named(sceau_report_facts_json(NULL, SCEAU_LANG_EN, message, sizeof message, NULL), "report"));
  CHECK(null_named(sceau_report_profile(NULL, message, sizeof message, NULL), "report"));
  CHECK(null_named(sceau_report_finding_code(NULL, 0, message, sizeof message, NULL), "report"));
  CHECK(null_named(sceau_report_finding_field(NULL, 0, message, sizeof message, NULL), "report"));
  CHECK(null_named(sceau_report_finding_message(NULL, 0, SCEAU_LANG_EN, message, sizeof message, NULL), "report"));
  CHECK(null_named(sceau_report_finding_source(NULL, 0, message, sizeof message, NULL), "report"));
  CHECK(sceau_report_verdict(NULL) == SCEAU_VERDICT_REJECTED);
  CHECK(sceau_report_findings_len(NULL) == 0);
  sceau_report_free(r);
  sceau_report_free(NULL);

  /* Policies. */
  sceau_policy *policy = SENTINEL;
  CHECK(null_named(sceau_policy_new("standard", NULL, NULL), "policy_out"));
  CHECK(sceau_policy_new(NOT_UTF8, NULL, &policy) == SCEAU_RESULT_INVALID_ARGUMENT && policy == NULL);
  policy = SENTINEL;
  CHECK(sceau_policy_new("nope", NULL, &policy) == SCEAU_RESULT_UNKNOWN_PROFILE && policy == NULL);
  CHECK(sceau_policy_new("ssl-serveur", NULL, &policy) == SCEAU_RESULT_OK && policy != NULL);
  const char *patterns[] = {"*ch-ville.fr", NULL, NOT_UTF8};
  CHECK(null_named(sceau_policy_set_authorized_domains(NULL, patterns, 1), "policy"));
  CHECK(null_named(sceau_policy_set_authorized_domains(policy, NULL, 1), "patterns"));
  CHECK(null_named(sceau_policy_set_authorized_domains(policy, patterns, 2), "patterns[1]"));
  CHECK(sceau_policy_set_authorized_domains(policy, patterns + 2, 1) == SCEAU_RESULT_INVALID_ARGUMENT);
  const char *not_a_domain[] = {"*"};
  CHECK(sceau_policy_set_authorized_domains(policy, not_a_domain, 1) == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(sceau_policy_set_authorized_domains(policy, NULL, 0) == SCEAU_RESULT_OK);
  CHECK(sceau_policy_set_authorized_domains(policy, patterns, 1) == SCEAU_RESULT_OK);
  CHECK(null_named(sceau_policy_set_rules_at(NULL, DEC_2026), "policy"));
  CHECK(sceau_policy_set_rules_at(policy, UINT64_MAX) == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(sceau_policy_set_rules_at(policy, DEC_2026) == SCEAU_RESULT_OK);
  CHECK(sceau_policy_set_rules_at(policy, 0) == SCEAU_RESULT_OK);
  r = SENTINEL;
  CHECK(null_named(sceau_csr_check_with(NULL, 1, policy, DEC_2026, &r), "input") && r == NULL);
  r = SENTINEL;
  CHECK(null_named(sceau_csr_check_with(csr, csr_len, NULL, DEC_2026, &r), "policy") && r == NULL);
  CHECK(null_named(sceau_csr_check_with(csr, csr_len, policy, DEC_2026, NULL), "report_out"));
  CHECK(sceau_csr_check_with(csr, 0, policy, DEC_2026, &r) == SCEAU_RESULT_INPUT_EMPTY && r == NULL);
  r = SENTINEL;
  CHECK(null_named(sceau_cert_check_with(NULL, 1, policy, &r), "input") && r == NULL);
  r = SENTINEL;
  CHECK(null_named(sceau_cert_check_with(cert, cert_len, NULL, &r), "policy") && r == NULL);
  CHECK(null_named(sceau_cert_check_with(cert, cert_len, policy, NULL), "report_out"));
  CHECK(sceau_cert_check_with(cert, 0, policy, &r) == SCEAU_RESULT_INPUT_EMPTY && r == NULL);
  sceau_policy *baseline = NULL;
  CHECK(sceau_policy_new(NULL, NULL, &baseline) == SCEAU_RESULT_OK);
  const char *one_domain[] = {"*exemple.fr"};
  CHECK(sceau_policy_set_authorized_domains(baseline, one_domain, 1) == SCEAU_RESULT_INVALID_ARGUMENT);

  /* Batches: NULL arrays and entries, zero counts, jobs out of range. */
  const uint8_t *inputs[2] = {cert, cert};
  const size_t lens[2] = {cert_len, cert_len};
  sceau_report *reports[2] = {SENTINEL, SENTINEL};
  sceau_result results[2];
  CHECK(sceau_cert_check_many(NULL, NULL, 0, NULL, NULL, 1, NULL, NULL) == SCEAU_RESULT_OK);
  CHECK(null_named(sceau_cert_check_many(NULL, lens, 2, NULL, NULL, 1, reports, results), "inputs"));
  CHECK(null_named(sceau_cert_check_many(inputs, NULL, 2, NULL, NULL, 1, reports, results), "lens"));
  CHECK(null_named(sceau_cert_check_many(inputs, lens, 2, NULL, NULL, 1, NULL, results), "reports_out"));
  CHECK(null_named(sceau_cert_check_many(inputs, lens, 2, NULL, NULL, 1, reports, NULL), "results_out"));
  const uint8_t *holed[2] = {cert, NULL};
  CHECK(null_named(sceau_cert_check_many(holed, lens, 2, NULL, NULL, 1, reports, results), "inputs[1]"));
  CHECK(sceau_cert_check_many(inputs, lens, 2, NOT_UTF8, NULL, 1, reports, results) == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(sceau_cert_check_many(inputs, lens, 2, NULL, NULL, 0xffffffffu, reports, results) == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(sceau_cert_check_many(inputs, lens, 2, NULL, NULL, 1025, reports, results) == SCEAU_RESULT_INVALID_ARGUMENT);
  const size_t short_lens[2] = {0, cert_len};
  CHECK(sceau_cert_check_many(inputs, short_lens, 2, "auto", NULL, 2, reports, results) == SCEAU_RESULT_OK);
  CHECK(results[0] == SCEAU_RESULT_INPUT_EMPTY && reports[0] == NULL);
  CHECK(results[1] == SCEAU_RESULT_OK && reports[1] != NULL);
  sceau_report_free(reports[1]);
  CHECK(null_named(sceau_cert_check_many_with(inputs, lens, 2, NULL, 1, reports, results), "policy"));
  CHECK(null_named(sceau_cert_check_many_with(NULL, lens, 2, baseline, 1, reports, results), "inputs"));
  CHECK(sceau_cert_check_many_with(inputs, lens, 2, baseline, 0xffffffffu, reports, results) == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(sceau_cert_check_many_with(inputs, lens, 2, baseline, 0, reports, results) == SCEAU_RESULT_OK);
  CHECK(results[0] == SCEAU_RESULT_OK && results[1] == SCEAU_RESULT_OK);
  sceau_report_free(reports[0]);
  sceau_report_free(reports[1]);
  const uint8_t *csrs[1] = {csr};
  const size_t csr_lens[1] = {csr_len};
  CHECK(sceau_csr_check_many(NULL, NULL, 0, NULL, NULL, DEC_2026, 1, NULL, NULL) == SCEAU_RESULT_OK);
  CHECK(null_named(sceau_csr_check_many(csrs, NULL, 1, NULL, NULL, DEC_2026, 1, reports, results), "lens"));
  CHECK(null_named(sceau_csr_check_many(csrs, csr_lens, 1, NULL, NULL, DEC_2026, 1, NULL, results), "reports_out"));
  CHECK(sceau_csr_check_many(csrs, csr_lens, 1, NULL, NULL, DEC_2026, 1025, reports, results) == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(null_named(sceau_csr_check_many_with(csrs, csr_lens, 1, NULL, DEC_2026, 1, reports, results), "policy"));
  CHECK(null_named(sceau_csr_check_many_with(csrs, csr_lens, 1, baseline, DEC_2026, 1, reports, NULL), "results_out"));
  CHECK(sceau_csr_check_many_with(csrs, csr_lens, 1, baseline, DEC_2026, 1, reports, results) == SCEAU_RESULT_OK);
  CHECK(results[0] == SCEAU_RESULT_OK);
  sceau_report_free(reports[0]);
  sceau_policy_free(policy);
  sceau_policy_free(baseline);
  sceau_policy_free(NULL);

  /* Matching, expiry, quotes. */
  r = SENTINEL;
  CHECK(null_named(sceau_cert_match(NULL, cert_len, NULL, 0, key, key_len, &r), "cert") && r == NULL);
  CHECK(null_named(sceau_cert_match(cert, cert_len, NULL, 0, key, key_len, NULL), "report_out"));
  r = SENTINEL;
  CHECK(sceau_cert_match(cert, cert_len, NULL, 0, NULL, 0, &r) == SCEAU_RESULT_INVALID_ARGUMENT && r == NULL);
  CHECK(sceau_cert_match(cert, cert_len, csr, 0, NULL, 0, &r) == SCEAU_RESULT_INPUT_EMPTY && r == NULL);
  CHECK(sceau_cert_match(cert, 0, NULL, 0, key, key_len, &r) == SCEAU_RESULT_INPUT_EMPTY && r == NULL);
  r = SENTINEL;
  CHECK(null_named(sceau_expiry(NULL, 1, "standard", NULL, DEC_2026, &r), "input") && r == NULL);
  CHECK(null_named(sceau_expiry(cert, cert_len, NULL, NULL, DEC_2026, &r), "profile") && r == NULL);
  CHECK(null_named(sceau_expiry(cert, cert_len, "standard", NULL, DEC_2026, NULL), "report_out"));
  CHECK(sceau_expiry(cert, cert_len, NOT_UTF8, NULL, DEC_2026, &r) == SCEAU_RESULT_INVALID_ARGUMENT && r == NULL);
  CHECK(sceau_expiry(cert, 0, "standard", NULL, DEC_2026, &r) == SCEAU_RESULT_INPUT_EMPTY && r == NULL);
  CHECK(sceau_expiry(cert, cert_len, "standard", NULL, UINT64_MAX, &r) == SCEAU_RESULT_OK && r != NULL);
  sceau_report_free(r);
  r = SENTINEL;
  CHECK(null_named(sceau_quote(NULL, NULL, 1, 0, false, &r), "profile") && r == NULL);
  CHECK(null_named(sceau_quote("uc", NULL, 1, 0, false, NULL), "report_out"));
  CHECK(sceau_quote(NOT_UTF8, NULL, 1, 0, false, &r) == SCEAU_RESULT_INVALID_ARGUMENT && r == NULL);
  /* Out-of-range years and names are refused quotes (reports), not errors. */
  CHECK(sceau_quote("uc", NULL, 0xffffffffu, 0xffffffffu, false, &r) == SCEAU_RESULT_OK);
  CHECK(sceau_report_verdict(r) == SCEAU_VERDICT_REJECTED);
  sceau_report_free(r);
  CHECK(sceau_quote("uc", NULL, 0, 0, false, &r) == SCEAU_RESULT_OK);
  CHECK(sceau_report_verdict(r) == SCEAU_VERDICT_REJECTED);
  sceau_report_free(r);

  /* Verifiers. */
  sceau_verifier *v = SENTINEL;
  CHECK(null_named(sceau_verifier_new("client", JUNE_2027, NULL), "verifier_out"));
  CHECK(sceau_verifier_new(NOT_UTF8, JUNE_2027, &v) == SCEAU_RESULT_INVALID_ARGUMENT && v == NULL);
  CHECK(null_named(sceau_verifier_new_diapason_client(JUNE_2027, NULL), "verifier_out"));
  v = SENTINEL;
  CHECK(null_named(sceau_verifier_new_diapason_server(JUNE_2027, NULL, &v), "fqdn") && v == NULL);
  v = SENTINEL;
  CHECK(sceau_verifier_new_diapason_server(JUNE_2027, NOT_UTF8, &v) == SCEAU_RESULT_INVALID_ARGUMENT && v == NULL);
  CHECK(null_named(sceau_verifier_new_diapason_server(JUNE_2027, "gap.exemple.fr", NULL), "verifier_out"));
  CHECK(sceau_verifier_new_diapason_client(UINT64_MAX, &v) == SCEAU_RESULT_OK);
  sceau_verifier_free(v);
  CHECK(sceau_verifier_new("client", JUNE_2027, &v) == SCEAU_RESULT_OK);
  CHECK(null_named(sceau_verifier_add_anchors(NULL, root, root_len), "verifier"));
  CHECK(null_named(sceau_verifier_add_anchors(v, NULL, root_len), "data"));
  CHECK(sceau_verifier_add_anchors(v, root, 0) == SCEAU_RESULT_INPUT_EMPTY);
  r = SENTINEL;
  CHECK(sceau_verifier_verify(v, chain, chain_len, &r) == SCEAU_RESULT_INVALID_ARGUMENT && r == NULL);
  CHECK(sceau_verifier_add_anchors(v, root, root_len) == SCEAU_RESULT_OK);
  CHECK(null_named(sceau_verifier_add_intermediates(NULL, chain, chain_len), "verifier"));
  CHECK(null_named(sceau_verifier_add_intermediates(v, NULL, chain_len), "intermediates"));
  CHECK(sceau_verifier_add_intermediates(v, chain, 0) == SCEAU_RESULT_INPUT_EMPTY);
  CHECK(null_named(sceau_verifier_add_crls(NULL, crl, crl_len), "verifier"));
  CHECK(null_named(sceau_verifier_add_crls(v, NULL, crl_len), "crls"));
  CHECK(sceau_verifier_add_crls(v, crl, 0) == SCEAU_RESULT_INPUT_EMPTY);
  CHECK(sceau_verifier_add_crls(v, crl, crl_len - 1) != SCEAU_RESULT_OK);
  CHECK(null_named(sceau_verifier_add_ocsp(NULL, ocsp, ocsp_len), "verifier"));
  CHECK(null_named(sceau_verifier_add_ocsp(v, NULL, ocsp_len), "responses"));
  CHECK(sceau_verifier_add_ocsp(v, ocsp, 0) == SCEAU_RESULT_INPUT_EMPTY);
  CHECK(null_named(sceau_verifier_set_name(NULL, "a.fr"), "verifier"));
  CHECK(sceau_verifier_set_name(v, NOT_UTF8) == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(sceau_verifier_set_name(v, NULL) == SCEAU_RESULT_OK);
  CHECK(null_named(sceau_verifier_set_time(NULL, JUNE_2027), "verifier"));
  CHECK(sceau_verifier_set_time(v, UINT64_MAX) == SCEAU_RESULT_OK);
  CHECK(sceau_verifier_set_time(v, JUNE_2027) == SCEAU_RESULT_OK);
  CHECK(null_named(sceau_verifier_set_revocation(NULL, "off"), "verifier"));
  CHECK(null_named(sceau_verifier_set_revocation(v, NULL), "policy"));
  CHECK(sceau_verifier_set_revocation(v, NOT_UTF8) == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(sceau_verifier_set_revocation(v, "") == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(null_named(sceau_verifier_set_cn_fallback(NULL, true), "verifier"));
  CHECK(null_named(sceau_verifier_set_max_age(NULL, 60), "verifier"));
  CHECK(sceau_verifier_set_max_age(v, UINT64_MAX) == SCEAU_RESULT_OK);
  CHECK(sceau_verifier_set_max_age(v, 0) == SCEAU_RESULT_OK);
  CHECK(null_named(sceau_verifier_set_max_depth(NULL, 6), "verifier"));
  CHECK(null_named(sceau_verifier_set_limit(NULL, SCEAU_LIMIT_ANCHORS, 10), "verifier"));
  const uint32_t not_limits[] = {SCEAU_LIMIT_ANCHORS + 100, 0x7fffffffu, 0xffffffffu};
  for (size_t i = 0; i < 3; i++) {
    CHECK(sceau_verifier_set_limit(v, not_limits[i], 10) == SCEAU_RESULT_INVALID_ARGUMENT);
  }
  r = SENTINEL;
  CHECK(null_named(sceau_verifier_verify(NULL, chain, chain_len, &r), "verifier") && r == NULL);
  r = SENTINEL;
  CHECK(null_named(sceau_verifier_verify(v, NULL, chain_len, &r), "chain") && r == NULL);
  CHECK(null_named(sceau_verifier_verify(v, chain, chain_len, NULL), "report_out"));
  CHECK(sceau_verifier_verify(v, chain, 0, &r) == SCEAU_RESULT_INPUT_EMPTY && r == NULL);
  /* A depth of 0 or SIZE_MAX is a policy, not an error: the verdict says what it does. */
  CHECK(sceau_verifier_set_max_depth(v, 0) == SCEAU_RESULT_OK);
  CHECK(sceau_verifier_verify(v, chain, chain_len, &r) == SCEAU_RESULT_OK);
  CHECK(sceau_report_verdict(r) == SCEAU_VERDICT_REJECTED);
  sceau_report_free(r);
  CHECK(sceau_verifier_set_max_depth(v, (size_t)-1) == SCEAU_RESULT_OK);

  /* Assurance options and check. */
  sceau_assurance_options *ao = SENTINEL;
  CHECK(null_named(sceau_assurance_options_new(DEC_2026, NULL), "options_out"));
  CHECK(sceau_assurance_options_new(UINT64_MAX, &ao) == SCEAU_RESULT_OK);
  sceau_assurance_options_free(ao);
  CHECK(sceau_assurance_options_new(DEC_2026, &ao) == SCEAU_RESULT_OK);
  CHECK(null_named(sceau_assurance_options_set_algorithm_policy(NULL, "etsi"), "options"));
  CHECK(null_named(sceau_assurance_options_set_algorithm_policy(ao, NULL), "policy"));
  CHECK(sceau_assurance_options_set_algorithm_policy(ao, NOT_UTF8) == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(null_named(sceau_assurance_options_add_recognised_cas(NULL, root, root_len), "options"));
  CHECK(null_named(sceau_assurance_options_add_recognised_cas(ao, NULL, root_len), "data"));
  CHECK(sceau_assurance_options_add_recognised_cas(ao, root, 0) == SCEAU_RESULT_INPUT_EMPTY);
  CHECK(null_named(sceau_assurance_options_set_context(NULL, 1, NULL, 1), "options"));
  CHECK(sceau_assurance_options_set_context(ao, 1, NOT_UTF8, 1) == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(sceau_assurance_options_set_context(ao, 0xffffffffu, NULL, 1) == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(sceau_assurance_options_set_context(ao, 1, NULL, 0xffffffffu) == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(null_named(sceau_assurance_options_set_targets(NULL, 1, NULL), "options"));
  CHECK(sceau_assurance_options_set_targets(ao, 0xffffffffu, NULL) == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(sceau_assurance_options_set_targets(ao, 1, NOT_UTF8) == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(sceau_assurance_options_set_targets(ao, 1, "") == SCEAU_RESULT_INVALID_ARGUMENT);
  r = SENTINEL;
  CHECK(null_named(sceau_assurance_check(NULL, ao, sig, sig_len, data, data_len, NULL, NULL, 0, &r), "verifier") && r == NULL);
  CHECK(null_named(sceau_assurance_check(v, NULL, sig, sig_len, data, data_len, NULL, NULL, 0, &r), "options"));
  CHECK(null_named(sceau_assurance_check(v, ao, NULL, sig_len, data, data_len, NULL, NULL, 0, &r), "signature"));
  CHECK(null_named(sceau_assurance_check(v, ao, sig, sig_len, data, data_len, NULL, NULL, 0, NULL), "report_out"));
  CHECK(null_named(sceau_assurance_check(v, ao, sig, sig_len, data, data_len, NULL, NULL, 1, &r), "timestamps"));
  const uint8_t *tokens[1] = {NULL};
  const size_t token_lens[1] = {5};
  CHECK(null_named(sceau_assurance_check(v, ao, sig, sig_len, data, data_len, tokens, NULL, 1, &r), "timestamp_lens"));
  CHECK(null_named(sceau_assurance_check(v, ao, sig, sig_len, data, data_len, tokens, token_lens, 1, &r), "timestamps[0]"));
  r = SENTINEL;
  CHECK(sceau_assurance_check(v, ao, sig, 0, data, data_len, NULL, NULL, 0, &r) == SCEAU_RESULT_INPUT_EMPTY && r == NULL);
  /* A detached signature with zero bytes of data is judged, not refused: the digest differs. */
  CHECK(sceau_assurance_check(v, ao, sig, sig_len, data, 0, NULL, NULL, 0, &r) == SCEAU_RESULT_OK);
  CHECK(sceau_report_verdict(r) == SCEAU_VERDICT_REJECTED);
  sceau_report_free(r);
  sceau_assurance_options_free(ao);
  sceau_assurance_options_free(NULL);
  sceau_verifier_free(v);
  sceau_verifier_free(NULL);

  free(csr);
  free(weak);
  free(cert);
  free(key);
  free(root);
  free(crl);
  free(chain);
  free(ocsp);
  free(sig);
  free(data);
  printf("misuse: %d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
