//! Real mutual-TLS handshakes over loopback with the Diapason presets: a rustls server stands
//! for the gateway (its identity loaded from the PKCS#12 file IGC-Santé delivers), terminals
//! present IngeTrust client certificates; `openssl s_client` is a second, independent client.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::thread;

use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use sceau::diapason;
use sceau::tls::{Refusal, SceauClientVerifier, SceauServerVerifier};
use sceau::Verdict;

fn path(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/chain")
        .join(name)
        .display()
        .to_string()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(path(name)).unwrap()
}

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// The gateway: identity from gap.p12, clients verified by the Diapason client preset.
fn gateway_config() -> Arc<rustls::ServerConfig> {
    let (identity, report) =
        diapason::load_identity(&fixture("gap.p12"), "diapason", UnixTime::now()).unwrap();
    let identity = identity.expect("gap.p12 holds the gateway's key");
    assert_eq!(
        report.verdict(),
        Verdict::Accepted,
        "{}",
        report.to_text(sceau::Lang::En)
    );
    let mut clients = diapason::client_verifier(UnixTime::now());
    clients.add_anchors(&fixture("ingetrust-root.pem")).unwrap();
    clients.add_crls(&fixture("ingetrust-ca.crl.pem")).unwrap();
    clients
        .add_crls(&fixture("ingetrust-root.crl.pem"))
        .unwrap();
    let config = rustls::ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_client_cert_verifier(SceauClientVerifier::new(clients))
        .with_single_cert(identity.chain, identity.key)
        .unwrap();
    Arc::new(config)
}

/// Serves one connection: completes the handshake, answers one line. Returns the handshake's
/// outcome as the server saw it.
fn serve_once(
    listener: TcpListener,
    config: Arc<rustls::ServerConfig>,
) -> thread::JoinHandle<Result<(), rustls::Error>> {
    thread::spawn(move || {
        let (mut socket, _) = listener.accept().unwrap();
        let mut conn = rustls::ServerConnection::new(config).unwrap();
        while conn.is_handshaking() {
            conn.complete_io(&mut socket)
                .map_err(|e| match e.into_inner() {
                    Some(inner) => match inner.downcast::<rustls::Error>() {
                        Ok(tls) => *tls,
                        Err(other) => rustls::Error::General(other.to_string()),
                    },
                    None => rustls::Error::General("I/O".into()),
                })?;
        }
        let mut tls = rustls::Stream::new(&mut conn, &mut socket);
        let mut line = String::new();
        BufReader::new(&mut tls).read_line(&mut line).ok();
        tls.write_all(b"GAP OK\n").ok();
        tls.flush().ok();
        conn.send_close_notify();
        conn.complete_io(&mut socket).ok();
        Ok(())
    })
}

fn terminal_config(cert: &str) -> Arc<rustls::ClientConfig> {
    let mut server = diapason::server_verifier(UnixTime::now(), "gap.ch-ville.fr");
    server.add_anchors(&fixture("igc-sante-acr.pem")).unwrap();
    server.add_crls(&fixture("igc-sante-aci.crl.pem")).unwrap();
    let chain: Vec<CertificateDer<'static>> = [cert, "ingetrust-ca.pem"]
        .iter()
        .map(|f| {
            let pem = fixture(f);
            CertificateDer::from(
                sceau::decode(&pem, sceau::ObjectKind::Certificate)
                    .unwrap()
                    .der
                    .into_owned(),
            )
        })
        .collect();
    let key_pem = fixture("tpe.key");
    let key_der = sceau::decode(&key_pem, sceau::ObjectKind::PrivateKey)
        .unwrap()
        .der
        .into_owned();
    let config = rustls::ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .unwrap()
        .dangerous()
        .with_custom_certificate_verifier(SceauServerVerifier::new(server))
        .with_client_auth_cert(chain, PrivateKeyDer::Pkcs8(key_der.into()))
        .unwrap();
    Arc::new(config)
}

/// A terminal connects, sends a line, reads the answer.
fn terminal(port: u16, cert: &str) -> Result<String, String> {
    let mut socket = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let name = ServerName::try_from("gap.ch-ville.fr").unwrap();
    let mut conn = rustls::ClientConnection::new(terminal_config(cert), name).unwrap();
    let mut tls = rustls::Stream::new(&mut conn, &mut socket);
    tls.write_all(b"PAIEMENT\n").map_err(|e| e.to_string())?;
    let mut answer = String::new();
    tls.read_to_string(&mut answer).map_err(|e| e.to_string())?;
    Ok(answer)
}

fn bind() -> (TcpListener, u16) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    (listener, port)
}

#[test]
fn a_good_terminal_is_accepted_in_mutual_tls() {
    let (listener, port) = bind();
    let server = serve_once(listener, gateway_config());
    let answer = terminal(port, "tpe-good.pem");
    assert_eq!(server.join().unwrap(), Ok(()));
    assert_eq!(answer.unwrap(), "GAP OK\n");
}

#[test]
fn a_revoked_terminal_is_refused_during_the_handshake_with_the_reason() {
    let (listener, port) = bind();
    let server = serve_once(listener, gateway_config());
    let answer = terminal(port, "tpe-revoked.pem");
    let refused = server.join().unwrap().unwrap_err();
    let rustls::Error::InvalidCertificate(rustls::CertificateError::Other(other)) = &refused else {
        panic!("{refused:?}");
    };
    let refusal = other.0.downcast_ref::<Refusal>().expect("a sceau refusal");
    assert!(refusal.report().has("revocation.revoked"));
    assert!(refusal.to_string().contains("keyCompromise"), "{refusal}");
    assert!(answer.is_err(), "the terminal got an answer: {answer:?}");
}

#[test]
fn the_terminal_side_checks_the_gateway_name_and_cn() {
    let (listener, port) = bind();
    let server = serve_once(listener, gateway_config());
    let mut socket = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let name = ServerName::try_from("autre.ch-ville.fr").unwrap();
    let mut conn = rustls::ClientConnection::new(terminal_config("tpe-good.pem"), name).unwrap();
    let mut tls = rustls::Stream::new(&mut conn, &mut socket);
    let error = tls.write_all(b"PAIEMENT\n").unwrap_err();
    let text = format!("{:?}", error.into_inner());
    assert!(
        text.contains("chain.name_mismatch") || text.contains("name"),
        "{text}"
    );
    drop(socket);
    let _ = server.join();
}

fn s_client(port: u16, cert: &str) -> (bool, String) {
    let mut child = Command::new("openssl")
        .args([
            "s_client",
            "-connect",
            &format!("127.0.0.1:{port}"),
            "-servername",
            "gap.ch-ville.fr",
            "-cert",
            &path(cert),
            "-cert_chain",
            &path("ingetrust-ca.pem"),
            "-key",
            &path("tpe.key"),
            "-CAfile",
            &path("igc-sante-acr.pem"),
            "-verify_return_error",
            "-ign_eof",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("openssl");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"PAIEMENT\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (text.contains("GAP OK"), text)
}

#[test]
fn openssl_s_client_is_accepted_with_a_good_terminal_and_refused_with_a_revoked_one() {
    let (listener, port) = bind();
    let server = serve_once(listener, gateway_config());
    let (answered, text) = s_client(port, "tpe-good.pem");
    assert_eq!(server.join().unwrap(), Ok(()));
    assert!(answered, "{text}");
    assert!(text.contains("Verify return code: 0 (ok)"), "{text}");

    let (listener, port) = bind();
    let server = serve_once(listener, gateway_config());
    let (answered, text) = s_client(port, "tpe-revoked.pem");
    let refused = server.join().unwrap().unwrap_err();
    assert!(
        format!("{refused}").contains("revocation.revoked"),
        "{refused}"
    );
    assert!(!answered, "{text}");
}

#[test]
fn the_gateway_identity_must_carry_its_intermediate() {
    let (identity, report) =
        diapason::load_identity(&fixture("gap.p12"), "diapason", UnixTime::now()).unwrap();
    assert_eq!(identity.unwrap().chain.len(), 2);
    assert_eq!(report.verdict(), Verdict::Accepted);

    let (_, incomplete) =
        diapason::load_identity(&fixture("gap-incomplete.p12"), "diapason", UnixTime::now())
            .unwrap();
    let missing = incomplete
        .findings()
        .iter()
        .find(|f| f.code() == "chain.issuer_not_found")
        .unwrap_or_else(|| panic!("{}", incomplete.to_text(sceau::Lang::En)));
    assert!(missing
        .arg_value("issuer")
        .unwrap()
        .contains("ACI SSL_SERVEUR"));

    assert!(diapason::load_identity(&fixture("gap.p12"), "wrong", UnixTime::now()).is_err());

    let (_, no_root) =
        diapason::load_identity(&fixture("gap-no-root.p12"), "diapason", UnixTime::now()).unwrap();
    assert!(no_root.has("diapason.identity.no_root"));
    // A file without the key is judged, not refused as unreadable: the finding says why.
    let (none, no_key) =
        diapason::load_identity(&fixture("gap-no-key.p12"), "diapason", UnixTime::now()).unwrap();
    assert!(none.is_none());
    assert!(
        no_key.has("diapason.identity.no_key"),
        "{}",
        no_key.to_text(sceau::Lang::En)
    );
    assert_eq!(no_key.verdict(), Verdict::Rejected);
}

#[test]
fn the_server_preset_wants_the_cn_to_be_the_fqdn() {
    let mut verifier = diapason::server_verifier(UnixTime::now(), "gap.ch-ville.fr");
    verifier.add_anchors(&fixture("igc-sante-acr.pem")).unwrap();
    let cn_only = verifier.verify(&fixture("gap-cn-only-chain.pem")).unwrap();
    assert_eq!(
        cn_only.verdict(),
        Verdict::Accepted,
        "{}",
        cn_only.to_text(sceau::Lang::En)
    );
    assert!(cn_only.has("chain.name.cn_fallback"));
    assert!(cn_only.has("revocation.unchecked"));

    // The SAN names the gateway, but the CN is a label: the terminal would refuse it.
    let report = verifier.verify(&fixture("gap-cn-label-chain.pem")).unwrap();
    assert!(
        report.has("chain.name.cn_differs"),
        "{}",
        report.to_text(sceau::Lang::En)
    );
}

/// A server's stapled OCSP response is evidence for that handshake only.
#[test]
fn a_stapled_ocsp_response_counts_as_evidence() {
    use rustls::client::danger::ServerCertVerifier;
    let mut options = sceau::VerifyOptions::new(sceau::Usage::Client, UnixTime::now());
    options.revocation = sceau::RevocationPolicy::Required;
    options.cn_fallback = true;
    let mut verifier = sceau::Verifier::new("stapling", options);
    verifier
        .add_anchors(&fixture("ingetrust-root.pem"))
        .unwrap();
    verifier
        .add_crls(&fixture("ingetrust-root.crl.pem"))
        .unwrap();
    let verifier = SceauServerVerifier::new(verifier);
    let der = |name: &str| {
        CertificateDer::from(
            sceau::decode(&fixture(name), sceau::ObjectKind::Certificate)
                .unwrap()
                .der
                .into_owned(),
        )
    };
    let ca = [der("ingetrust-ca.pem")];
    let verify = |leaf: &str, name: &str, stapled: &[u8]| {
        verifier.verify_server_cert(
            &der(leaf),
            &ca,
            &ServerName::try_from(name.to_string()).unwrap(),
            stapled,
            UnixTime::now(),
        )
    };
    // Signed by the CA itself: evidence under `required`.
    let good_ocsp = fixture("tpe-good-by-ca.ocsp.der");
    assert!(verify("tpe-good.pem", "tpe-0001", &good_ocsp).is_ok());
    let unstapled = verify("tpe-good.pem", "tpe-0001", &[]).unwrap_err();
    assert!(
        unstapled.to_string().contains("revocation.missing"),
        "{unstapled}"
    );
    // Signed by the CA's delegated responder, of which no CRL speaks here: no evidence under
    // `required`, whatever it says.
    let delegated = verify("tpe-good.pem", "tpe-0001", &fixture("tpe-good.ocsp.der")).unwrap_err();
    assert!(
        delegated.to_string().contains("revocation.missing"),
        "{delegated}"
    );
    let revoked = verify(
        "tpe-revoked.pem",
        "tpe-0002",
        &fixture("tpe-revoked.ocsp.der"),
    )
    .unwrap_err();
    assert!(
        revoked.to_string().contains("revocation.missing"),
        "{revoked}"
    );
    // A response for another certificate is no evidence.
    let other = verify("tpe-revoked.pem", "tpe-0002", &good_ocsp).unwrap_err();
    assert!(other.to_string().contains("revocation.missing"), "{other}");
}
