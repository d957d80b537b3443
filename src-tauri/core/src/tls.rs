//! TLS to a PostgreSQL server, with libpq's `sslmode` and `sslrootcert` (the rust-postgres
//! client knows only `disable`, `prefer` and `require`, and never checks a certificate itself):
//!
//! - `disable`: plain text.
//! - `allow`, `prefer` (the default, as in libpq): TLS when the server offers it, plain text
//!   when it does not; the certificate is not checked.
//! - `require`: TLS or no connection; the certificate is not checked, unless a root
//!   certificate is at hand (`sslrootcert`, or `~/.postgresql/root.crt`), when it is checked as
//!   `verify-ca` does (libpq's rule).
//! - `verify-ca`: TLS, and the server's certificate must chain to a trusted root: the file
//!   `sslrootcert` names, else `~/.postgresql/root.crt`, else the system's roots.
//! - `verify-full`: as `verify-ca`, and the certificate must name the host connected to.
//!
//! `sslrootcert=system` takes the system's roots and, as in libpq 16, makes `verify-full` the
//! default. `PGSSLMODE` and `PGSSLROOTCERT` are read when the address has no such parameter.

use crate::{Code, FieldError, Result};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};
use std::path::PathBuf;
use std::sync::Arc;

/// libpq's `sslmode`, in the order of how much it asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mode {
    Disable,
    Allow,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl Mode {
    fn parse(value: &str) -> Option<Mode> {
        Some(match value {
            "disable" => Mode::Disable,
            "allow" => Mode::Allow,
            "prefer" => Mode::Prefer,
            "require" => Mode::Require,
            "verify-ca" => Mode::VerifyCa,
            "verify-full" => Mode::VerifyFull,
            _ => return None,
        })
    }

    /// What the client is told: whether TLS is tried, and whether it is a must.
    pub fn client_mode(self) -> postgres::config::SslMode {
        use postgres::config::SslMode;
        match self {
            Mode::Disable => SslMode::Disable,
            Mode::Allow | Mode::Prefer => SslMode::Prefer,
            Mode::Require | Mode::VerifyCa | Mode::VerifyFull => SslMode::Require,
        }
    }
}

/// Where the trusted roots come from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Roots {
    /// No file given: `~/.postgresql/root.crt` if there is one, else the system's.
    Default,
    System,
    File(PathBuf),
}

/// The TLS settings of one address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub mode: Mode,
    roots: Roots,
}

/// The parameters this module reads; they are taken out of the address before the client
/// reads the rest.
const KEYS: [&str; 2] = ["sslmode", "sslrootcert"];

/// Splits the TLS parameters off an address (URI or `key=value` form): the address without
/// them, and the settings they make with the environment's. An `sslmode` that is not one of
/// libpq's six is refused, naming the field `db`.
pub fn take(address: &str) -> Result<(String, Settings)> {
    let (rest, found) = split(address);
    let value = |key: &str, env: &str| {
        found
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .or_else(|| std::env::var(env).ok().filter(|v| !v.is_empty()))
    };
    let roots = match value("sslrootcert", "PGSSLROOTCERT") {
        None => Roots::Default,
        Some(v) if v == "system" => Roots::System,
        Some(v) => Roots::File(PathBuf::from(v)),
    };
    let mode = match value("sslmode", "PGSSLMODE") {
        Some(v) => Mode::parse(&v).ok_or_else(|| {
            FieldError::new("db", Code::ServerAddressInvalid).param(
                "detail",
                format!(
                    "sslmode={v}: write one of disable, allow, prefer, require, verify-ca, \
                     verify-full"
                ),
            )
        })?,
        None if roots == Roots::System => Mode::VerifyFull,
        None => Mode::Prefer,
    };
    Ok((rest, Settings { mode, roots }))
}

/// The address without [`KEYS`], and the values they had (percent-decoded in a URI,
/// unquoted in the `key=value` form).
fn split(address: &str) -> (String, Vec<(String, String)>) {
    let is_uri = ["postgresql://", "postgres://"]
        .iter()
        .any(|p| address.starts_with(p));
    if is_uri {
        split_uri(address)
    } else {
        split_key_values(address)
    }
}

fn split_uri(address: &str) -> (String, Vec<(String, String)>) {
    let Some((base, query)) = address.split_once('?') else {
        return (address.to_owned(), Vec::new());
    };
    let mut found = Vec::new();
    let mut kept = Vec::new();
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = percent_encoding::percent_decode_str(key).decode_utf8_lossy();
        if KEYS.contains(&key.as_ref()) {
            let value = percent_encoding::percent_decode_str(value).decode_utf8_lossy();
            found.push((key.into_owned(), value.into_owned()));
        } else {
            kept.push(pair);
        }
    }
    let rest = if kept.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    (rest, found)
}

/// The `key=value` form: pairs split by white space, a value in single quotes may hold
/// spaces, a backslash escapes the next character. A pair this does not understand is left
/// for the client to report.
fn split_key_values(address: &str) -> (String, Vec<(String, String)>) {
    let chars: Vec<(usize, char)> = address.char_indices().collect();
    let mut found = Vec::new();
    let mut removed = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        while i < chars.len() && chars[i].1.is_whitespace() {
            i += 1;
        }
        let start = i;
        let mut key = String::new();
        while i < chars.len() && chars[i].1 != '=' && !chars[i].1.is_whitespace() {
            key.push(chars[i].1);
            i += 1;
        }
        while i < chars.len() && chars[i].1.is_whitespace() {
            i += 1;
        }
        if i >= chars.len() || chars[i].1 != '=' {
            break;
        }
        i += 1;
        while i < chars.len() && chars[i].1.is_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        let quoted = i < chars.len() && chars[i].1 == '\'';
        if quoted {
            i += 1;
        }
        while i < chars.len() {
            let c = chars[i].1;
            if c == '\\' && i + 1 < chars.len() {
                value.push(chars[i + 1].1);
                i += 2;
                continue;
            }
            if (quoted && c == '\'') || (!quoted && c.is_whitespace()) {
                break;
            }
            value.push(c);
            i += 1;
        }
        if quoted && i < chars.len() {
            i += 1;
        }
        if KEYS.contains(&key.as_str()) {
            let end = chars.get(i).map_or(address.len(), |c| c.0);
            removed.push((chars[start].0, end));
            found.push((key, value));
        }
    }
    let mut rest = String::new();
    let mut at = 0;
    for (start, end) in removed {
        rest.push_str(&address[at..start]);
        at = end;
    }
    rest.push_str(&address[at..]);
    (rest.trim().to_owned(), found)
}

/// The TLS connector for these settings: which roots, and how much of the certificate is
/// checked. A root file that cannot be read, or holds no certificate, is refused (field
/// `db`), never taken as "check nothing".
pub fn connector(settings: &Settings) -> Result<tokio_postgres_rustls::MakeRustlsConnect> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let check_chain = match settings.mode {
        Mode::VerifyFull | Mode::VerifyCa => true,
        Mode::Require => settings.roots != Roots::Default || default_root_file().is_some(),
        Mode::Disable | Mode::Allow | Mode::Prefer => false,
    };
    let chain = if check_chain {
        let roots = Arc::new(roots(&settings.roots)?);
        let webpki = WebPkiServerVerifier::builder_with_provider(roots, provider.clone())
            .build()
            .map_err(|e| tls_field(format!("{e}")))?;
        Some(webpki)
    } else {
        None
    };
    let verifier = Verifier {
        provider: provider.clone(),
        chain,
        name: settings.mode == Mode::VerifyFull,
    };
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| tls_field(format!("{e}")))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

fn tls_field(detail: String) -> crate::Error {
    FieldError::new("db", Code::ServerTlsFailed)
        .param("detail", detail)
        .into()
}

/// libpq's default root file, when it exists.
fn default_root_file() -> Option<PathBuf> {
    let path = dirs::home_dir()?.join(".postgresql").join("root.crt");
    path.is_file().then_some(path)
}

fn roots(roots: &Roots) -> Result<RootCertStore> {
    let mut store = RootCertStore::empty();
    let file = match roots {
        Roots::File(path) => Some(path.clone()),
        Roots::Default => default_root_file(),
        Roots::System => None,
    };
    if let Some(path) = file {
        let certs = CertificateDer::pem_file_iter(&path)
            .and_then(|certs| certs.collect::<std::result::Result<Vec<_>, _>>())
            .map_err(|e| tls_field(format!("sslrootcert={}: {e}", path.display())))?;
        let (added, _) = store.add_parsable_certificates(certs);
        if added == 0 {
            return Err(tls_field(format!(
                "sslrootcert={}: no certificate in the file",
                path.display()
            )));
        }
    } else {
        // Read once a process: the app opens a connection for each pooled desk and listener.
        static SYSTEM: std::sync::OnceLock<Vec<CertificateDer<'static>>> =
            std::sync::OnceLock::new();
        let system = SYSTEM.get_or_init(|| rustls_native_certs::load_native_certs().certs);
        store.add_parsable_certificates(system.iter().cloned());
        if store.is_empty() {
            return Err(tls_field(
                "the system has no root certificates: name a file with sslrootcert".to_owned(),
            ));
        }
    }
    Ok(store)
}

/// How much of the server's certificate is checked. The handshake's signatures are always
/// checked against the certificate's key; the certificate itself is taken as it comes
/// without `chain` (`prefer`, and `require` without roots: libpq's behaviour), must chain to
/// a trusted root with it (`verify-ca`), and must also name the host with `name`
/// (`verify-full`).
#[derive(Debug)]
struct Verifier {
    provider: Arc<CryptoProvider>,
    chain: Option<Arc<WebPkiServerVerifier>>,
    name: bool,
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        let Some(chain) = &self.chain else {
            return Ok(ServerCertVerified::assertion());
        };
        match chain.verify_server_cert(end_entity, intermediates, server_name, ocsp, now) {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) if !self.name => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taken(address: &str) -> (String, Vec<(String, String)>) {
        split(address)
    }

    #[test]
    fn the_tls_parameters_leave_a_uri_and_the_rest_stays() {
        let (rest, found) = taken(
            "postgresql://desk@db.example:5432/seminar?application_name=desk%201&sslmode=verify-full&sslrootcert=%2Fetc%2Fca%20file.pem",
        );
        assert_eq!(
            rest,
            "postgresql://desk@db.example:5432/seminar?application_name=desk%201"
        );
        assert_eq!(
            found,
            vec![
                ("sslmode".to_owned(), "verify-full".to_owned()),
                ("sslrootcert".to_owned(), "/etc/ca file.pem".to_owned()),
            ]
        );
        let (rest, found) = taken("postgres://h/db?sslmode=require");
        assert_eq!(rest, "postgres://h/db");
        assert_eq!(found.len(), 1);
        assert_eq!(taken("postgresql://h/db").0, "postgresql://h/db");
    }

    #[test]
    fn the_tls_parameters_leave_a_key_value_address() {
        let (rest, found) = taken(
            "host=db user=desk sslrootcert='/etc/my ca\\'s.pem' sslmode = verify-ca dbname=s",
        );
        assert_eq!(
            rest.split_whitespace().collect::<Vec<_>>(),
            ["host=db", "user=desk", "dbname=s"]
        );
        assert_eq!(
            found,
            vec![
                ("sslrootcert".to_owned(), "/etc/my ca's.pem".to_owned()),
                ("sslmode".to_owned(), "verify-ca".to_owned()),
            ]
        );
        let (rest, found) = taken("host=db sslmode=require");
        assert_eq!(rest, "host=db");
        assert_eq!(found[0].1, "require");
    }

    #[test]
    fn modes_and_roots_follow_libpq() {
        let mode = |a: &str| take(a).map(|(_, s)| s.mode);
        assert_eq!(
            mode("postgresql://h/db?sslmode=disable").ok(),
            Some(Mode::Disable)
        );
        assert_eq!(
            mode("postgresql://h/db?sslmode=allow").ok(),
            Some(Mode::Allow)
        );
        assert_eq!(
            mode("postgresql://h/db?sslmode=verify-full").ok(),
            Some(Mode::VerifyFull)
        );
        assert_eq!(
            mode("postgresql://h/db?sslrootcert=system").ok(),
            Some(Mode::VerifyFull)
        );
        assert_eq!(
            Mode::VerifyCa.client_mode(),
            postgres::config::SslMode::Require
        );
        assert_eq!(Mode::Allow.client_mode(), postgres::config::SslMode::Prefer);
        let Err(crate::Error::Validation(fields)) = take("postgresql://h/db?sslmode=strict") else {
            panic!("an unknown sslmode was taken");
        };
        assert_eq!(fields[0].field, "db");
        assert_eq!(fields[0].code(), "field.server_address_invalid");
    }

    #[test]
    fn a_root_file_without_certificates_is_refused_not_ignored() {
        let dir = tempfile::tempdir().expect("a folder");
        let path = dir.path().join("root.crt");
        std::fs::write(&path, "not a certificate\n").expect("a file");
        let address = format!(
            "host=h sslmode=verify-full sslrootcert='{}'",
            path.display()
        );
        let (_, settings) = take(&address).expect("an address");
        let Err(crate::Error::Validation(fields)) = connector(&settings) else {
            panic!("a root file without certificates was taken");
        };
        assert_eq!(fields[0].code(), "field.server_tls_failed");
        let missing = dir.path().join("missing.crt");
        let (_, settings) = take(&format!(
            "host=h sslmode=verify-ca sslrootcert='{}'",
            missing.display()
        ))
        .expect("an address");
        assert!(connector(&settings).is_err());
    }
}
