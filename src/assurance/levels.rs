//! The levels a validated signature reaches, each from the evidence and the context the caller
//! declares: eIDAS (AdES, AdES-QC, QES; ETSI TS 119 615 as DSS applies it), Government of Canada
//! LoA 0–4 (seed 001, table 2) and RGS one or two stars. What the next level up (or every level
//! up to the caller's target) still needs is a notice; a target not met is an error.

use crate::algorithms::AlgorithmPolicy;
use crate::assurance::facts::{DeclaredContext, EidasLevel, Indication};
use crate::assurance::qc::{QcFacts, QcType};
use crate::assurance::rules::*;
use crate::assurance::timestamps::SignatureUse;
use crate::lang::{localized, Localized};
use crate::rule::{day_of, Finding};

/// Whether the signer's issuing CA is in the caller's list of recognised CAs.
pub(crate) enum Recognised {
    /// No list was given.
    NoList,
    /// It is.
    Listed,
    /// It is not: this CA.
    NotListed(Localized),
}

/// What the levels are judged from.
pub(crate) struct LevelInput<'a> {
    pub(crate) indication: Indication,
    /// The signature verifies over the data (LoA 1).
    pub(crate) verified_over_data: bool,
    pub(crate) qc: &'a QcFacts,
    pub(crate) recognised: &'a Recognised,
    /// A signing-time attribute or a valid time-stamp.
    pub(crate) has_signing_time: bool,
    /// A valid time-stamp of the signature (not of the content).
    pub(crate) signature_stamp: bool,
    pub(crate) context: &'a DeclaredContext,
    /// Every signature the validation rested on, for the CSE and RGS algorithm rules.
    pub(crate) uses: &'a [SignatureUse],
    pub(crate) target_loa: Option<u8>,
    pub(crate) target_eidas: Option<EidasLevel>,
}

/// The levels reached, and what is missing.
pub(crate) struct Levels {
    pub(crate) eidas: EidasLevel,
    pub(crate) qc_type: Option<QcType>,
    pub(crate) gc_loa: u8,
    pub(crate) rgs_stars: u8,
    pub(crate) findings: Vec<Finding>,
}

/// The highest level whose requirements, and those of every level below it, are all met;
/// `gaps[i]` are the unmet requirements of level `i + 1`.
fn reached(gaps: &[Vec<Finding>]) -> usize {
    gaps.iter().take_while(|g| g.is_empty()).count()
}

/// The gaps the report lists: those of the next level up, or of every level up to `target`.
fn listed(gaps: Vec<Vec<Finding>>, reached: usize, target: Option<usize>) -> Vec<Finding> {
    let upto = target.unwrap_or(0).max(reached + 1);
    gaps.into_iter()
        .enumerate()
        .filter(|(i, _)| *i + 1 > reached && *i < upto)
        .flat_map(|(_, g)| g)
        .collect()
}

pub(crate) fn judge(input: &LevelInput<'_>) -> Levels {
    let mut findings = Vec::new();
    let (eidas, qc_type) = eidas(input, &mut findings);
    let gc_loa = gc(input, &mut findings);
    let rgs_stars = rgs(input, &mut findings);
    Levels {
        eidas,
        qc_type,
        gc_loa,
        rgs_stars,
        findings,
    }
}

fn qscd(qc: &QcFacts) -> bool {
    qc.sscd
        || qc
            .policies
            .iter()
            .any(|p| *p == "QCP-n-qscd" || *p == "QCP-l-qscd")
}

fn eidas(input: &LevelInput<'_>, findings: &mut Vec<Finding>) -> (EidasLevel, Option<QcType>) {
    let qc = input.qc;
    let mut ades = Vec::new();
    if input.indication != Indication::TotalPassed {
        ades.push(
            Finding::new(&EIDAS_NOT_ADES, "eidas").arg("indication", input.indication.name()),
        );
    }
    let mut ades_qc = Vec::new();
    if !qc.compliance {
        ades_qc.push(Finding::new(&EIDAS_NO_QC, "signer.qcStatements"));
    } else if !qc.legislation.is_empty() {
        ades_qc.push(
            Finding::new(&EIDAS_NON_EU, "signer.qcStatements.QcCClegislation")
                .arg("countries", qc.legislation.join(", ")),
        );
    }
    match input.recognised {
        Recognised::Listed => {}
        Recognised::NoList => ades_qc.push(Finding::new(&EIDAS_NO_TRUSTED_LIST, "recognised_cas")),
        Recognised::NotListed(ca) => {
            ades_qc.push(Finding::new(&EIDAS_CA_NOT_LISTED, "path[1]").text("ca", ca.clone()))
        }
    }
    let mut qes = Vec::new();
    if !qscd(qc) {
        qes.push(Finding::new(&EIDAS_NO_QSCD, "signer.qcStatements"));
    }
    let qc_type = qc.types.first().copied();
    if !qc.types.is_empty() && !qc.types.contains(&QcType::Esign) {
        qes.push(
            Finding::new(&EIDAS_SEAL, "signer.qcStatements.QcType")
                .arg("qc_type", qc_type.map_or("", QcType::name)),
        );
    }
    let gaps = vec![ades, ades_qc, qes];
    let level = reached(&gaps);
    let eidas = [
        EidasLevel::NotAdes,
        EidasLevel::Ades,
        EidasLevel::AdesQc,
        EidasLevel::Qes,
    ][level];
    let target = input.target_eidas.map(|t| t as usize);
    findings.extend(listed(gaps, level, target));
    if let Some(target) = input.target_eidas {
        if eidas < target {
            findings.push(
                Finding::new(&TARGET_EIDAS, "eidas")
                    .arg("reached", eidas.name())
                    .arg("target", target.name()),
            );
        }
    }
    (eidas, qc_type)
}

fn declared(value: Option<u8>, what: &str, flag: &str) -> Localized {
    match value {
        Some(v) => localized!(
            "the declared {what} is {v}",
            "le {what} déclaré vaut {v}",
            what = what,
            v = v
        ),
        None => localized!(
            "none was declared ({flag})",
            "rien n'a été déclaré ({flag})",
            flag = flag
        ),
    }
}

/// What was declared of the device, when it is not a hardware one.
fn not_hardware(context: &DeclaredContext) -> Option<Localized> {
    match context.device {
        Some(d) if d.is_hardware() => None,
        Some(d) => Some(localized!(
            "the declared device is {d}",
            "le dispositif déclaré est {d}",
            d = format!("{d:?}").to_lowercase()
        )),
        None => Some(declared(None, "device", "--device")),
    }
}

/// The uses `policy` refuses, each as a finding of `rule`.
fn refused_uses(
    policy: Option<AlgorithmPolicy>,
    uses: &[SignatureUse],
    rule: &'static crate::rule::Rule,
    field: &str,
) -> Vec<Finding> {
    let Some(policy) = policy else {
        return Vec::new();
    };
    uses.iter()
        .filter_map(|u| {
            let refused =
                policy.check_signed_digest(&u.scheme, u.message_digest, u.key, day_of(u.at), field);
            refused.first().map(|first| {
                Finding::new(rule, field)
                    .text("what", u.what.clone())
                    .text("detail", first.localized())
            })
        })
        .collect()
}

fn gc(input: &LevelInput<'_>, findings: &mut Vec<Finding>) -> u8 {
    let context = input.context;
    let identity = context.identity_loa.unwrap_or(0);
    let identity_gap = |level: u8| {
        (identity < level).then(|| {
            Finding::new(&GC_IDENTITY, "context.identity_loa")
                .arg("level", level)
                .text(
                    "declared",
                    declared(context.identity_loa, "identity LoA", "--identity-loa"),
                )
        })
    };
    let mut loa1 = Vec::new();
    if !input.verified_over_data {
        loa1.push(Finding::new(&GC_NOT_VERIFIED, "signature"));
    }
    let mut loa2: Vec<Finding> = identity_gap(2).into_iter().collect();
    if !input.has_signing_time {
        loa2.push(Finding::new(&GC_NO_TIME, "signature.signingTime"));
    }
    let mut loa3: Vec<Finding> = identity_gap(3).into_iter().collect();
    if context.auth_factors.unwrap_or(0) < 2 {
        loa3.push(Finding::new(&GC_FACTORS, "context.auth_factors").text(
            "declared",
            declared(context.auth_factors, "number of factors", "--auth-factors"),
        ));
    }
    if input.indication != Indication::TotalPassed {
        loa3.push(
            Finding::new(&GC_NOT_PASSED, "indication").arg("indication", input.indication.name()),
        );
    }
    let mut loa4: Vec<Finding> = identity_gap(4).into_iter().collect();
    if let Some(said) = not_hardware(context) {
        loa4.push(Finding::new(&GC_DEVICE, "context.device").text("declared", said));
    }
    match input.recognised {
        Recognised::Listed => {}
        Recognised::NoList => loa4.push(Finding::new(&GC_CA, "recognised_cas").arg("ca", "").text(
            "why",
            localized!("no list was given", "aucune liste n'a été fournie"),
        )),
        Recognised::NotListed(ca) => {
            loa4.push(Finding::new(&GC_CA, "path[1]").text("ca", ca.clone()).text(
                "why",
                localized!("it is not in the list", "elle n'est pas dans la liste"),
            ))
        }
    }
    if !input.signature_stamp {
        loa4.push(Finding::new(&GC_TIMESTAMP, "timestamps"));
    }
    loa4.extend(refused_uses(
        AlgorithmPolicy::named("cse"),
        input.uses,
        &GC_ALGORITHMS,
        "algorithms",
    ));
    let gaps = vec![loa1, loa2, loa3, loa4];
    let level = reached(&gaps);
    let target = input.target_loa.map(usize::from);
    findings.extend(listed(gaps, level, target));
    let level = u8::try_from(level).unwrap_or(4);
    if let Some(target) = input.target_loa {
        if level < target {
            findings.push(
                Finding::new(&TARGET_LOA, "gc_loa")
                    .arg("reached", level)
                    .arg("target", target),
            );
        }
    }
    level
}

fn rgs(input: &LevelInput<'_>, findings: &mut Vec<Finding>) -> u8 {
    let mut one = Vec::new();
    if input.indication != Indication::TotalPassed {
        one.push(
            Finding::new(&RGS_NOT_PASSED, "indication").arg("indication", input.indication.name()),
        );
    }
    one.extend(refused_uses(
        AlgorithmPolicy::named("rgs"),
        input.uses,
        &RGS_ALGORITHMS,
        "algorithms",
    ));
    let mut two = Vec::new();
    if let Some(said) = not_hardware(input.context) {
        two.push(Finding::new(&RGS_DEVICE, "context.device").text("declared", said));
    }
    if !qscd(input.qc) {
        two.push(Finding::new(&RGS_POLICY, "signer.certificatePolicies"));
    }
    let gaps = vec![one, two];
    let level = reached(&gaps);
    findings.extend(listed(gaps, level, None));
    u8::try_from(level).unwrap_or(2)
}
