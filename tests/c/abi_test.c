/* Exercises the C ABI as a C caller would: compiled with gcc -Wall -Wextra -Werror against
 * libsceau.a by tests/c_abi.rs, which runs it with the fixtures directory as argument. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "support.h"

/* Reads a file of tests/data/<sub>/<name>. */
static unsigned char *read_sub(const char *dir, const char *sub, const char *name, size_t *len) {
  char path[4096];
  snprintf(path, sizeof path, "%s/../%s", dir, sub);
  return read_file(path, name, len);
}

static int has_code(const sceau_report *report, const char *wanted) {
  char code[96];
  for (size_t i = 0; i < sceau_report_findings_len(report); i++) {
    if (sceau_report_finding_code(report, i, code, sizeof code, NULL) == SCEAU_RESULT_OK &&
        strcmp(code, wanted) == 0) {
      return 1;
    }
  }
  return 0;
}


static sceau_report *check(const char *dir, const char *name, const char *profile, sceau_result *res) {
  size_t len;
  unsigned char *bytes = read_file(dir, name, &len);
  sceau_report *report = (sceau_report *)1; /* must be overwritten */
  *res = sceau_csr_check(bytes, len, profile, NULL, (uint64_t)time(NULL), &report);
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
  /* Field by field: the field, the message in both languages, the citation, the facts. */
  char field_text[128], en[512], fr[512], source[128];
  CHECK(sceau_report_finding_field(weak, 0, field_text, sizeof field_text, NULL) == SCEAU_RESULT_OK);
  CHECK(strcmp(field_text, "key") == 0);
  CHECK(sceau_report_finding_message(weak, 0, SCEAU_LANG_EN, en, sizeof en, NULL) == SCEAU_RESULT_OK);
  CHECK(strstr(en, "1024") != NULL && strstr(en, "2048") != NULL);
  CHECK(sceau_report_finding_message(weak, 0, SCEAU_LANG_FR, fr, sizeof fr, NULL) == SCEAU_RESULT_OK);
  CHECK(strstr(fr, "il en faut au moins 2048") != NULL);
  CHECK(sceau_report_finding_source(weak, 0, source, sizeof source, NULL) == SCEAU_RESULT_OK);
  CHECK(strlen(source) > 3);
  char facts[8192];
  CHECK(sceau_report_facts_json(weak, SCEAU_LANG_EN, facts, sizeof facts, NULL) == SCEAU_RESULT_OK);
  CHECK(facts[0] == '{' && strstr(facts, "\"bits\": 1024") != NULL && strstr(facts, "\"verdict\"") == NULL);
  char profile_text[64];
  CHECK(sceau_report_profile(weak, profile_text, sizeof profile_text, NULL) == SCEAU_RESULT_OK);
  CHECK(strcmp(profile_text, "baseline") == 0);
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
  CHECK(sceau_csr_check(NULL, 10, NULL, NULL, 0, &out) == SCEAU_RESULT_NULL_PARAMETER);
  CHECK(sceau_csr_check((const uint8_t *)"x", 1, NULL, NULL, 0, NULL) == SCEAU_RESULT_NULL_PARAMETER);
  CHECK(sceau_report_json(NULL, SCEAU_LANG_EN, message, sizeof message, NULL) == SCEAU_RESULT_NULL_PARAMETER);
  CHECK(sceau_report_verdict(NULL) == SCEAU_VERDICT_REJECTED);
  CHECK(sceau_report_findings_len(NULL) == 0);
  sceau_report_free(NULL);

  /* A product profile of the embedded catalogue. */
  sceau_report *cs = check(dir, "profile/code-signing-rsa2048.csr", "code-signing", &res);
  CHECK(res == SCEAU_RESULT_OK);
  CHECK(sceau_report_verdict(cs) == SCEAU_VERDICT_REJECTED);
  CHECK(has_code(cs, "key.rsa.too_small"));
  sceau_report_free(cs);

  /* A catalogue extended from TOML: the GAP's authorised domain. */
  sceau_catalog *catalog = NULL;
  CHECK(sceau_catalog_new_from_toml("[[product]]\nid = 'ssl-serveur'\nname = 'SSL_SERVEUR'\n"
                                    "issuer = 'IGC-Sante'\nsource = '003'\nusage = 'tls-server'\n"
                                    "names = { authorized_domains = ['*ch-ville.fr'] }\n",
                                    &catalog) == SCEAU_RESULT_OK);
  size_t gap_len;
  unsigned char *gap = read_file(dir, "profile/gap-serveur.csr", &gap_len);
  sceau_report *gap_report = NULL;
  CHECK(sceau_csr_check(gap, gap_len, "ssl-serveur", catalog, (uint64_t)time(NULL), &gap_report) == SCEAU_RESULT_OK);
  CHECK(sceau_report_verdict(gap_report) == SCEAU_VERDICT_ACCEPTED);
  sceau_report_free(gap_report);
  CHECK(sceau_csr_check(gap, gap_len, "ssl-serveur", NULL, (uint64_t)time(NULL), &gap_report) == SCEAU_RESULT_OK);
  CHECK(has_code(gap_report, "profile.names.authorized_domains_unset"));
  sceau_report_free(gap_report);
  /* The same with a policy handle: the domain given as --authorized-domain is. */
  sceau_policy *gap_policy = NULL;
  CHECK(sceau_policy_new("ssl-serveur", NULL, &gap_policy) == SCEAU_RESULT_OK);
  CHECK(sceau_csr_check_with(gap, gap_len, gap_policy, (uint64_t)time(NULL), &gap_report) == SCEAU_RESULT_OK);
  CHECK(has_code(gap_report, "profile.names.authorized_domains_unset"));
  sceau_report_free(gap_report);
  const char *gap_domains[] = {"*ch-ville.fr"};
  CHECK(sceau_policy_set_authorized_domains(gap_policy, gap_domains, 1) == SCEAU_RESULT_OK);
  CHECK(sceau_csr_check_with(gap, gap_len, gap_policy, (uint64_t)time(NULL), &gap_report) == SCEAU_RESULT_OK);
  CHECK(sceau_report_verdict(gap_report) == SCEAU_VERDICT_ACCEPTED);
  sceau_report_free(gap_report);
  const char *elsewhere[] = {"*ch-autre.fr"};
  CHECK(sceau_policy_set_authorized_domains(gap_policy, elsewhere, 1) == SCEAU_RESULT_OK);
  CHECK(sceau_csr_check_with(gap, gap_len, gap_policy, (uint64_t)time(NULL), &gap_report) == SCEAU_RESULT_OK);
  CHECK(sceau_report_verdict(gap_report) == SCEAU_VERDICT_REJECTED);
  sceau_report_free(gap_report);
  const uint8_t *gap_inputs[] = {gap};
  const size_t gap_lens[] = {gap_len};
  sceau_report *gap_reports[1] = {NULL};
  sceau_result gap_results[1];
  CHECK(sceau_policy_set_authorized_domains(gap_policy, gap_domains, 1) == SCEAU_RESULT_OK);
  CHECK(sceau_csr_check_many_with(gap_inputs, gap_lens, 1, gap_policy, (uint64_t)time(NULL), 1, gap_reports, gap_results) == SCEAU_RESULT_OK);
  CHECK(gap_results[0] == SCEAU_RESULT_OK && sceau_report_verdict(gap_reports[0]) == SCEAU_VERDICT_ACCEPTED);
  sceau_report_free(gap_reports[0]);
  sceau_policy_free(gap_policy);
  free(gap);
  sceau_catalog *broken = (sceau_catalog *)1;
  CHECK(sceau_catalog_new_from_toml("[[product]]\nid = 3\n", &broken) == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(broken == NULL);

  /* Certificates: check, match with request and key, expiry, quote. */
  size_t cert_len, csr_len, key_len, other_len;
  unsigned char *cert = read_sub(dir, "match", "rsa.pem", &cert_len);
  unsigned char *csr = read_sub(dir, "match", "rsa.csr", &csr_len);
  unsigned char *key = read_sub(dir, "match", "rsa-pkcs1.key", &key_len);
  unsigned char *other = read_sub(dir, "match", "other.key", &other_len);
  sceau_report *r = NULL;
  CHECK(sceau_cert_check(cert, cert_len, "standard", NULL, &r) == SCEAU_RESULT_OK);
  CHECK(r != NULL && has_code(r, "cert.eku.missing"));
  sceau_report_free(r);
  /* The auto profile says which it chose; a policy handle gives the same report. */
  CHECK(sceau_cert_check(cert, cert_len, "auto", NULL, &r) == SCEAU_RESULT_OK);
  char chosen[64];
  CHECK(sceau_report_profile(r, chosen, sizeof chosen, NULL) == SCEAU_RESULT_OK);
  CHECK(strcmp(chosen, "auto") != 0 || has_code(r, "profile.auto.none"));
  size_t auto_len = 0;
  CHECK(sceau_report_json(r, SCEAU_LANG_EN, NULL, 0, &auto_len) == SCEAU_RESULT_INSUFFICIENT_SIZE);
  sceau_report_free(r);
  sceau_policy *auto_policy = NULL;
  CHECK(sceau_policy_new("auto", NULL, &auto_policy) == SCEAU_RESULT_OK);
  CHECK(sceau_cert_check_with(cert, cert_len, auto_policy, &r) == SCEAU_RESULT_OK);
  size_t with_len = 0;
  CHECK(sceau_report_json(r, SCEAU_LANG_EN, NULL, 0, &with_len) == SCEAU_RESULT_INSUFFICIENT_SIZE);
  CHECK(with_len == auto_len);
  sceau_policy_free(auto_policy);
  char *rules = malloc(1 << 22);
  CHECK(sceau_rules_json(SCEAU_LANG_FR, rules, 1 << 22, NULL) == SCEAU_RESULT_OK);
  CHECK(strstr(rules, "\"key.rsa.too_small\"") != NULL);
  CHECK(sceau_profiles_json(NULL, rules, 1 << 22, NULL) == SCEAU_RESULT_OK);
  CHECK(strstr(rules, "\"ssl-serveur\"") != NULL);
  free(rules);
  sceau_report_free(r);
  CHECK(sceau_cert_match(cert, cert_len, csr, csr_len, key, key_len, &r) == SCEAU_RESULT_OK);
  CHECK(sceau_report_verdict(r) == SCEAU_VERDICT_ACCEPTED);
  sceau_report_free(r);
  CHECK(sceau_cert_match(cert, cert_len, NULL, 0, other, other_len, &r) == SCEAU_RESULT_OK);
  CHECK(has_code(r, "match.key.differs"));
  sceau_report_free(r);
  r = (sceau_report *)1;
  CHECK(sceau_cert_match(cert, cert_len, NULL, 0, NULL, 0, &r) == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(r == NULL);
  CHECK(sceau_cert_check(csr, csr_len, NULL, NULL, &r) == SCEAU_RESULT_INPUT_WRONG_KIND);
  CHECK(sceau_expiry(cert, cert_len, "certigna-ssl", NULL, (uint64_t)time(NULL) + 86400ull * 365 * 3, &r) == SCEAU_RESULT_OK);
  CHECK(has_code(r, "expiry.expired"));
  sceau_report_free(r);
  CHECK(sceau_quote("uc", NULL, 3, 12, false, &r) == SCEAU_RESULT_OK);
  CHECK(sceau_report_verdict(r) == SCEAU_VERDICT_ACCEPTED);
  char qjson[4096];
  CHECK(sceau_report_json(r, SCEAU_LANG_EN, qjson, sizeof qjson, NULL) == SCEAU_RESULT_OK);
  CHECK(strstr(qjson, "\"total_cents\": 213000") != NULL);
  sceau_report_free(r);
  CHECK(sceau_quote("code-signing", NULL, 1, 0, true, &r) == SCEAU_RESULT_OK);
  CHECK(sceau_report_verdict(r) == SCEAU_VERDICT_REJECTED);
  sceau_report_free(r);
  CHECK(sceau_quote("nope", NULL, 1, 0, false, &r) == SCEAU_RESULT_UNKNOWN_PROFILE);
  free(cert);
  free(csr);
  free(key);
  free(other);
  sceau_catalog_free(catalog);
  sceau_catalog_free(NULL);

  /* Chains: a verifier built step by step, for the Diapason terminals (2027-06-01). */
  const uint64_t june_2027 = 1811808000ull;
  size_t root_len, ca_crl_len, root_crl_len, tpe_good_len, tpe_revoked_len, ocsp_len;
  unsigned char *root = read_sub(dir, "chain", "ingetrust-root.pem", &root_len);
  unsigned char *ca_crl = read_sub(dir, "chain", "ingetrust-ca.crl.der", &ca_crl_len);
  unsigned char *root_crl = read_sub(dir, "chain", "ingetrust-root.crl.pem", &root_crl_len);
  unsigned char *tpe_good = read_sub(dir, "chain", "tpe-good-chain.pem", &tpe_good_len);
  unsigned char *tpe_revoked = read_sub(dir, "chain", "tpe-revoked-chain.pem", &tpe_revoked_len);
  unsigned char *ocsp = read_sub(dir, "chain", "tpe-revoked.ocsp.der", &ocsp_len);
  sceau_verifier *v = (sceau_verifier *)1;
  CHECK(sceau_verifier_new("banking", june_2027, &v) == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(v == NULL);
  CHECK(sceau_verifier_new("client", june_2027, &v) == SCEAU_RESULT_OK);
  CHECK(sceau_verifier_add_anchors(v, root, root_len) == SCEAU_RESULT_OK);
  CHECK(sceau_verifier_add_crls(v, root_crl, root_crl_len) == SCEAU_RESULT_OK);
  CHECK(sceau_verifier_add_crls(v, tpe_good, tpe_good_len) == SCEAU_RESULT_INPUT_WRONG_KIND);
  /* The leaf has no evidence yet: required revocation fails closed. */
  CHECK(sceau_verifier_verify(v, tpe_good, tpe_good_len, &r) == SCEAU_RESULT_OK);
  CHECK(has_code(r, "revocation.missing"));
  sceau_report_free(r);
  CHECK(sceau_verifier_set_revocation(v, "best-effort") == SCEAU_RESULT_OK);
  CHECK(sceau_verifier_verify(v, tpe_good, tpe_good_len, &r) == SCEAU_RESULT_OK);
  CHECK(sceau_report_verdict(r) == SCEAU_VERDICT_ACCEPTED && has_code(r, "revocation.unchecked"));
  sceau_report_free(r);
  CHECK(sceau_verifier_set_revocation(v, "sometimes") == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(sceau_verifier_set_revocation(v, "required") == SCEAU_RESULT_OK);
  CHECK(sceau_verifier_add_crls(v, ca_crl, ca_crl_len) == SCEAU_RESULT_OK);
  CHECK(sceau_verifier_verify(v, tpe_good, tpe_good_len, &r) == SCEAU_RESULT_OK);
  CHECK(sceau_report_verdict(r) == SCEAU_VERDICT_ACCEPTED);
  char vjson[16384];
  CHECK(sceau_report_json(r, SCEAU_LANG_EN, vjson, sizeof vjson, NULL) == SCEAU_RESULT_OK);
  CHECK(strstr(vjson, "\"role\": \"intermediate\"") != NULL);
  sceau_report_free(r);
  CHECK(sceau_verifier_verify(v, tpe_revoked, tpe_revoked_len, &r) == SCEAU_RESULT_OK);
  CHECK(has_code(r, "revocation.revoked"));
  sceau_report_free(r);
  /* The CRLs were issued on 2026-01-01: not fresh enough for a 30-day maximum age. */
  CHECK(sceau_verifier_set_max_age(v, 30 * 86400) == SCEAU_RESULT_OK);
  CHECK(sceau_verifier_verify(v, tpe_good, tpe_good_len, &r) == SCEAU_RESULT_OK);
  CHECK(has_code(r, "revocation.stale"));
  sceau_report_free(r);
  CHECK(sceau_verifier_set_max_age(v, 0) == SCEAU_RESULT_OK);
  CHECK(sceau_verifier_set_max_age(NULL, 0) == SCEAU_RESULT_NULL_PARAMETER);
  /* Limits: an unknown one is refused; past a limit is LIMIT_EXCEEDED with a message; the same
     response again counts once. */
  CHECK(sceau_verifier_set_limit(v, 0, 1) == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(sceau_verifier_set_limit(v, 4000000000u, 1) == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(sceau_verifier_set_limit(NULL, SCEAU_LIMIT_CRLS, 1) == SCEAU_RESULT_NULL_PARAMETER);
  CHECK(sceau_verifier_set_limit(v, SCEAU_LIMIT_OCSP_RESPONSES, 0) == SCEAU_RESULT_OK);
  CHECK(sceau_verifier_add_ocsp(v, ocsp, ocsp_len) == SCEAU_RESULT_LIMIT_EXCEEDED);
  CHECK(sceau_last_error_message(message, sizeof message, NULL) == SCEAU_RESULT_OK);
  CHECK(strstr(message, "'ocsp-responses' limit") != NULL);
  CHECK(sceau_verifier_set_limit(v, SCEAU_LIMIT_OCSP_RESPONSES, 1) == SCEAU_RESULT_OK);
  CHECK(sceau_verifier_add_ocsp(v, ocsp, ocsp_len) == SCEAU_RESULT_OK);
  CHECK(sceau_verifier_add_ocsp(v, ocsp, ocsp_len) == SCEAU_RESULT_OK);
  CHECK(sceau_verifier_set_name(v, "gap.ch-ville.fr") == SCEAU_RESULT_OK);
  CHECK(sceau_verifier_set_cn_fallback(v, true) == SCEAU_RESULT_OK);
  CHECK(sceau_verifier_set_max_depth(v, 0) == SCEAU_RESULT_OK);
  CHECK(sceau_verifier_set_time(v, june_2027) == SCEAU_RESULT_OK);
  CHECK(sceau_verifier_verify(v, tpe_good, tpe_good_len, &r) == SCEAU_RESULT_OK);
  CHECK(has_code(r, "chain.too_long"));
  sceau_report_free(r);
  CHECK(sceau_verifier_verify(v, ca_crl, ca_crl_len, &r) == SCEAU_RESULT_INPUT_WRONG_KIND);
  CHECK(r == NULL);
  CHECK(sceau_verifier_verify(NULL, tpe_good, tpe_good_len, &r) == SCEAU_RESULT_NULL_PARAMETER);
  sceau_verifier_free(v);
  CHECK(sceau_verifier_new_diapason_client(june_2027, &v) == SCEAU_RESULT_OK);
  CHECK(sceau_verifier_add_anchors(v, root, root_len) == SCEAU_RESULT_OK);
  CHECK(sceau_verifier_verify(v, tpe_good, tpe_good_len, &r) == SCEAU_RESULT_OK);
  CHECK(has_code(r, "revocation.missing"));
  sceau_report_free(r);
  sceau_verifier_free(v);
  CHECK(sceau_verifier_new_diapason_server(june_2027, "gap.ch-ville.fr", &v) == SCEAU_RESULT_OK);
  sceau_verifier_free(v);
  sceau_verifier_free(NULL);
  free(root);
  free(ca_crl);
  free(root_crl);
  free(tpe_good);
  free(tpe_revoked);
  free(ocsp);

  /* Signature assurance (tests/data/assurance, validated on 2026-12-01): a CAdES-T signature
     reaches QES and LoA 4 with the context declared; without the trusted list it stops at
     AdES; a CAdES-BES one misses LoA 4 for want of a time-stamp; a token beside it gives one. */
  const uint64_t december_2026 = 1796083200ull;
  size_t a_root_len, a_ca_len, a_ca_crl_len, a_root_crl_len, qes_t_len, qes_bes_len, tst_len,
      data_len, altered_len;
  unsigned char *a_root = read_sub(dir, "assurance", "root.pem", &a_root_len);
  unsigned char *a_ca = read_sub(dir, "assurance", "sign-ca.pem", &a_ca_len);
  unsigned char *a_ca_crl = read_sub(dir, "assurance", "sign-ca.crl", &a_ca_crl_len);
  unsigned char *a_root_crl = read_sub(dir, "assurance", "root.crl", &a_root_crl_len);
  unsigned char *qes_t = read_sub(dir, "assurance", "qes-t.p7s", &qes_t_len);
  unsigned char *qes_bes = read_sub(dir, "assurance", "qes-bes.p7s", &qes_bes_len);
  unsigned char *tst = read_sub(dir, "assurance", "qes-bes.tst", &tst_len);
  unsigned char *data = read_sub(dir, "assurance", "data.txt", &data_len);
  unsigned char *altered = read_sub(dir, "assurance", "data-altered.txt", &altered_len);
  CHECK(sceau_verifier_new("any", december_2026, &v) == SCEAU_RESULT_OK);
  CHECK(sceau_verifier_add_anchors(v, a_root, a_root_len) == SCEAU_RESULT_OK);
  CHECK(sceau_verifier_add_crls(v, a_ca_crl, a_ca_crl_len) == SCEAU_RESULT_OK);
  CHECK(sceau_verifier_add_crls(v, a_root_crl, a_root_crl_len) == SCEAU_RESULT_OK);
  sceau_assurance_options *ao = (sceau_assurance_options *)1;
  CHECK(null_named(sceau_assurance_options_new(december_2026, NULL), "options_out"));
  CHECK(sceau_assurance_options_new(december_2026, &ao) == SCEAU_RESULT_OK);
  CHECK(sceau_assurance_check(v, ao, qes_t, qes_t_len, data, data_len, NULL, NULL, 0, &r) ==
        SCEAU_RESULT_OK);
  CHECK(sceau_report_verdict(r) == SCEAU_VERDICT_ACCEPTED && has_code(r, "assurance.eidas.no_trusted_list"));
  char ajson[65536];
  CHECK(sceau_report_json(r, SCEAU_LANG_EN, ajson, sizeof ajson, NULL) == SCEAU_RESULT_OK);
  CHECK(strstr(ajson, "\"indication\": \"TOTAL-PASSED\"") != NULL);
  CHECK(strstr(ajson, "\"eidas_level\": \"AdES\"") != NULL);
  sceau_report_free(r);
  CHECK(sceau_assurance_options_add_recognised_cas(ao, a_ca, a_ca_len) == SCEAU_RESULT_OK);
  CHECK(sceau_assurance_options_add_recognised_cas(ao, data, data_len) != SCEAU_RESULT_OK);
  CHECK(sceau_assurance_options_set_context(ao, 2, "smartcard", 4) == SCEAU_RESULT_OK);
  CHECK(sceau_assurance_options_set_targets(ao, 4, "qes") == SCEAU_RESULT_OK);
  CHECK(sceau_assurance_check(v, ao, qes_t, qes_t_len, data, data_len, NULL, NULL, 0, &r) ==
        SCEAU_RESULT_OK);
  CHECK(sceau_report_verdict(r) == SCEAU_VERDICT_ACCEPTED);
  CHECK(sceau_report_json(r, SCEAU_LANG_EN, ajson, sizeof ajson, NULL) == SCEAU_RESULT_OK);
  CHECK(strstr(ajson, "\"eidas_level\": \"QES\"") != NULL && strstr(ajson, "\"gc_loa\": 4") != NULL);
  sceau_report_free(r);
  /* The altered document: TOTAL-FAILED HASH_FAILURE, the targets missed. */
  CHECK(sceau_assurance_check(v, ao, qes_t, qes_t_len, altered, altered_len, NULL, NULL, 0, &r) ==
        SCEAU_RESULT_OK);
  CHECK(sceau_report_verdict(r) == SCEAU_VERDICT_REJECTED && has_code(r, "assurance.signature.hash_mismatch"));
  CHECK(has_code(r, "assurance.target.loa") && has_code(r, "assurance.target.eidas"));
  sceau_report_free(r);
  /* No time-stamp: LoA 4 is missed, and the report says why. */
  CHECK(sceau_assurance_check(v, ao, qes_bes, qes_bes_len, data, data_len, NULL, NULL, 0, &r) ==
        SCEAU_RESULT_OK);
  CHECK(sceau_report_verdict(r) == SCEAU_VERDICT_REJECTED && has_code(r, "assurance.gc.no_trusted_timestamp"));
  sceau_report_free(r);
  const uint8_t *tokens[] = {tst};
  const size_t token_lens[] = {tst_len};
  CHECK(sceau_assurance_check(v, ao, qes_bes, qes_bes_len, data, data_len, tokens, token_lens, 1, &r) ==
        SCEAU_RESULT_OK);
  CHECK(sceau_report_verdict(r) == SCEAU_VERDICT_ACCEPTED);
  sceau_report_free(r);
  /* Misuse: refused arguments change nothing and say what was expected. */
  CHECK(sceau_assurance_options_set_context(ao, 2, "usb-stick", 4) == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(sceau_last_error_message(message, sizeof message, NULL) == SCEAU_RESULT_OK);
  CHECK(strstr(message, "expected software, smartcard or hsm") != NULL);
  CHECK(sceau_assurance_options_set_context(ao, 2, "software", 5) == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(sceau_assurance_options_set_context(ao, 256, NULL, 0) == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(sceau_assurance_options_set_targets(ao, 5, NULL) == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(sceau_assurance_options_set_targets(ao, 0, "qualified") == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(sceau_assurance_options_set_algorithm_policy(ao, "nist") == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(sceau_assurance_options_set_algorithm_policy(ao, "cse") == SCEAU_RESULT_OK);
  CHECK(sceau_assurance_check(v, ao, qes_t, qes_t_len, data, data_len, NULL, NULL, 0, &r) ==
        SCEAU_RESULT_OK);
  CHECK(sceau_report_verdict(r) == SCEAU_VERDICT_ACCEPTED);
  sceau_report_free(r);
  r = (sceau_report *)1;
  CHECK(sceau_assurance_check(v, ao, data, data_len, NULL, 0, NULL, NULL, 0, &r) != SCEAU_RESULT_OK &&
        r == NULL);
  CHECK(null_named(sceau_assurance_check(NULL, ao, qes_t, qes_t_len, NULL, 0, NULL, NULL, 0, &r), "verifier"));
  CHECK(null_named(sceau_assurance_check(v, NULL, qes_t, qes_t_len, NULL, 0, NULL, NULL, 0, &r), "options"));
  CHECK(null_named(sceau_assurance_check(v, ao, NULL, 1, NULL, 0, NULL, NULL, 0, &r), "signature"));
  CHECK(null_named(sceau_assurance_check(v, ao, qes_t, qes_t_len, NULL, 0, NULL, NULL, 1, &r), "timestamps"));
  CHECK(null_named(sceau_assurance_check(v, ao, qes_t, qes_t_len, NULL, 0, tokens, NULL, 1, &r), "timestamp_lens"));
  const uint8_t *null_tokens[] = {NULL};
  CHECK(null_named(sceau_assurance_check(v, ao, qes_t, qes_t_len, NULL, 0, null_tokens, token_lens, 1, &r),
                   "timestamps[0]"));
  CHECK(null_named(sceau_assurance_check(v, ao, qes_t, qes_t_len, NULL, 0, NULL, NULL, 0, NULL), "report_out"));
  CHECK(null_named(sceau_assurance_options_set_context(NULL, 0, NULL, 0), "options"));
  CHECK(null_named(sceau_assurance_options_set_algorithm_policy(ao, NULL), "policy"));
  CHECK(null_named(sceau_assurance_options_add_recognised_cas(ao, NULL, 1), "data"));
  sceau_assurance_options_free(ao);
  sceau_assurance_options_free(NULL);
  sceau_verifier_free(v);
  free(a_root);
  free(a_ca);
  free(a_ca_crl);
  free(a_root_crl);
  free(qes_t);
  free(qes_bes);
  free(tst);
  free(data);
  free(altered);

  /* Batches: every input its report or its result code, in order, on two threads; `auto`
     picks the CA/B profile of each certificate. */
  {
    size_t good_len, csr_len2;
    unsigned char *good = read_sub(dir, "cert/tls", "good.pem", &good_len);
    unsigned char *csr2 = read_file(dir, "p256.csr", &csr_len2);
    const uint8_t *inputs[] = {good, (const uint8_t *)"not a certificate", good};
    const size_t lens[] = {good_len, 17, good_len};
    sceau_report *reports[3] = {(sceau_report *)1, (sceau_report *)1, (sceau_report *)1};
    sceau_result results[3];
    CHECK(sceau_cert_check_many(inputs, lens, 3, "auto", NULL, 2, reports, results) == SCEAU_RESULT_OK);
    CHECK(results[0] == SCEAU_RESULT_OK && reports[0] != NULL);
    CHECK(results[1] != SCEAU_RESULT_OK && reports[1] == NULL);
    CHECK(results[2] == SCEAU_RESULT_OK && reports[2] != NULL);
    CHECK(has_code(reports[0], "profile.auto.chosen"));
    char bjson[32768];
    CHECK(sceau_report_json(reports[2], SCEAU_LANG_EN, bjson, sizeof bjson, NULL) == SCEAU_RESULT_OK);
    CHECK(strstr(bjson, "\"profile\": \"tls-br-subscriber\"") != NULL);
    for (int i = 0; i < 3; i++) sceau_report_free(reports[i]);
    CHECK(sceau_cert_check_many(inputs, lens, 3, "nope", NULL, 0, reports, results) == SCEAU_RESULT_UNKNOWN_PROFILE);
    CHECK(sceau_cert_check_many(NULL, NULL, 0, NULL, NULL, 0, NULL, NULL) == SCEAU_RESULT_OK);
    CHECK(null_named(sceau_cert_check_many(NULL, lens, 3, NULL, NULL, 0, reports, results), "inputs"));
    CHECK(null_named(sceau_cert_check_many(inputs, NULL, 3, NULL, NULL, 0, reports, results), "lens"));
    const uint8_t *with_null[] = {good, NULL};
    CHECK(null_named(sceau_cert_check_many(with_null, lens, 2, NULL, NULL, 0, reports, results), "inputs[1]"));
    CHECK(null_named(sceau_cert_check_many(inputs, lens, 3, NULL, NULL, 0, NULL, results), "reports_out"));
    CHECK(null_named(sceau_cert_check_many(inputs, lens, 3, NULL, NULL, 0, reports, NULL), "results_out"));
    const uint8_t *csrs[] = {csr2};
    const size_t csr_lens[] = {csr_len2};
    CHECK(sceau_csr_check_many(csrs, csr_lens, 1, NULL, NULL, (uint64_t)time(NULL), 1, reports, results) ==
          SCEAU_RESULT_OK);
    CHECK(results[0] == SCEAU_RESULT_OK && sceau_report_verdict(reports[0]) == SCEAU_VERDICT_ACCEPTED);
    sceau_report_free(reports[0]);
    /* A certificate profile is refused for CSRs, item by item. */
    CHECK(sceau_csr_check_many(csrs, csr_lens, 1, "tls-br", NULL, 0, 1, reports, results) == SCEAU_RESULT_OK);
    CHECK(results[0] == SCEAU_RESULT_INVALID_ARGUMENT && reports[0] == NULL);
    free(good);
    free(csr2);
  }

  /* Every result has a message. */
  CHECK(sceau_result_message(SCEAU_RESULT_INPUT_BAD_BASE64, message, sizeof message, NULL) == SCEAU_RESULT_OK);
  CHECK(strcmp(message, "broken base64") == 0);
  CHECK(strlen(sceau_version()) > 0);

  /* Integers that are no enum value: a result code and a message, never undefined behaviour. */
  size_t n = 99;
  const uint32_t not_results[] = {0, 1, 6999, 7007, 7099, 7110, 65535, 4294967295u};
  for (size_t i = 0; i < sizeof not_results / sizeof not_results[0]; i++) {
    n = 99;
    CHECK(sceau_result_message(not_results[i], message, sizeof message, &n) == SCEAU_RESULT_INVALID_ARGUMENT);
    CHECK(n == 0);
    char why[256];
    CHECK(sceau_last_error_message(why, sizeof why, NULL) == SCEAU_RESULT_OK);
    CHECK(strstr(why, "is not a sceau_result value") != NULL);
  }
  CHECK(sceau_result_message(SCEAU_RESULT_LIMIT_EXCEEDED, message, sizeof message, &n) == SCEAU_RESULT_OK);
  CHECK(strcmp(message, "a limit was exceeded") == 0 && n == strlen(message));
  CHECK(sceau_quote("uc", NULL, 1, 0, false, &r) == SCEAU_RESULT_OK);
  const uint32_t not_langs[] = {2, 7, 255, 4294967295u};
  for (size_t i = 0; i < sizeof not_langs / sizeof not_langs[0]; i++) {
    n = 99;
    CHECK(sceau_report_text(r, not_langs[i], message, sizeof message, &n) == SCEAU_RESULT_INVALID_ARGUMENT);
    CHECK(n == 0);
    CHECK(sceau_report_json(r, not_langs[i], message, sizeof message, &n) == SCEAU_RESULT_INVALID_ARGUMENT);
    CHECK(sceau_last_error_message(message, sizeof message, NULL) == SCEAU_RESULT_OK);
    CHECK(strstr(message, "is not a sceau_lang value") != NULL);
  }
  /* A buffer one byte too small: nothing written, the needed length, a message. */
  size_t text_len = 0;
  CHECK(sceau_report_text(r, SCEAU_LANG_EN, NULL, 0, &text_len) == SCEAU_RESULT_INSUFFICIENT_SIZE);
  char *exact = malloc(text_len + 1);
  memset(exact, 'x', text_len + 1);
  CHECK(sceau_report_text(r, SCEAU_LANG_EN, exact, text_len, &n) == SCEAU_RESULT_INSUFFICIENT_SIZE);
  CHECK(n == text_len && exact[0] == 'x');
  CHECK(sceau_last_error_message(message, sizeof message, NULL) == SCEAU_RESULT_OK);
  CHECK(strstr(message, "output buffer too small") != NULL);
  CHECK(sceau_report_text(r, SCEAU_LANG_EN, exact, text_len + 1, &n) == SCEAU_RESULT_OK);
  CHECK(n == text_len && exact[text_len] == '\0');
  free(exact);
  /* A finding index out of range: the code length is 0, the severity fails closed. */
  sceau_severity severity = SCEAU_SEVERITY_NOTICE;
  CHECK(sceau_report_finding_severity(r, 1000, &severity) == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(severity == SCEAU_SEVERITY_ERROR);
  n = 99;
  CHECK(sceau_report_finding_code(r, 1000, message, sizeof message, &n) == SCEAU_RESULT_INVALID_ARGUMENT);
  CHECK(n == 0);
  sceau_report_free(r);

  /* NULL for every pointer: the out-parameter is NULL afterwards, the last error names it. */
  const uint8_t one = 0x30;
  r = (sceau_report *)1;
  CHECK(null_named(sceau_csr_check(NULL, 1, NULL, NULL, 0, &r), "input") && r == NULL);
  r = (sceau_report *)1;
  CHECK(null_named(sceau_cert_check(NULL, 1, NULL, NULL, &r), "input") && r == NULL);
  r = (sceau_report *)1;
  CHECK(null_named(sceau_cert_match(NULL, 1, NULL, 0, NULL, 0, &r), "cert") && r == NULL);
  r = (sceau_report *)1;
  CHECK(null_named(sceau_expiry(NULL, 1, "standard", NULL, 0, &r), "input") && r == NULL);
  r = (sceau_report *)1;
  CHECK(null_named(sceau_expiry(&one, 1, NULL, NULL, 0, &r), "profile") && r == NULL);
  r = (sceau_report *)1;
  CHECK(null_named(sceau_quote(NULL, NULL, 1, 0, false, &r), "profile") && r == NULL);
  r = (sceau_report *)1;
  CHECK(null_named(sceau_verifier_verify(NULL, &one, 1, &r), "verifier") && r == NULL);
  sceau_catalog *c = (sceau_catalog *)1;
  CHECK(null_named(sceau_catalog_new_from_toml(NULL, &c), "toml") && c == NULL);
  sceau_verifier *nv = (sceau_verifier *)1;
  CHECK(null_named(sceau_verifier_new_diapason_server(0, NULL, &nv), "fqdn") && nv == NULL);
  CHECK(null_named(sceau_csr_check(&one, 1, NULL, NULL, 0, NULL), "report_out"));
  CHECK(null_named(sceau_verifier_new(NULL, 0, NULL), "verifier_out"));
  n = 99;
  CHECK(null_named(sceau_report_json(NULL, SCEAU_LANG_EN, message, sizeof message, &n), "report") && n == 0);
  CHECK(null_named(sceau_report_finding_severity(NULL, 0, &severity), "report") && severity == SCEAU_SEVERITY_ERROR);
  CHECK(null_named(sceau_report_finding_severity(r, 0, NULL), "out"));
  CHECK(null_named(sceau_verifier_add_ocsp(NULL, &one, 1), "verifier"));
  CHECK(null_named(sceau_verifier_set_limit(NULL, SCEAU_LIMIT_CRLS, 1), "verifier"));
  CHECK(sceau_report_findings_len(NULL) == 0);
  CHECK(sceau_last_error_message(message, sizeof message, NULL) == SCEAU_RESULT_OK);
  CHECK(strcmp(message, "a required pointer argument was NULL: report is NULL") == 0);

  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
