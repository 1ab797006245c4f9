//! A webhook's URL, checked when it is saved: http or https, a host, no
//! credentials, and — unless private targets are allowed — a host whose
//! every address is public. Deliveries check the addresses again as they
//! connect ([`Guard`]): a name may point elsewhere later.

use reqwest::Url;

use crate::webhooks::Guard;

/// How long a host name may take to resolve before the form says it
/// cannot be found.
const LOOKUP_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Why a URL was refused, each with its message for the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not an absolute http(s) URL with a host.
    Malformed,
    /// It carries a user name or password.
    Credentials,
    /// Its host does not resolve.
    Unknown,
    /// Its host is, or resolves to, a private or special address.
    Private,
}

impl Refusal {
    /// The catalog key of its message.
    pub fn key(&self) -> &'static str {
        match self {
            Refusal::Malformed => "webhook-url-malformed",
            Refusal::Credentials => "webhook-url-credentials",
            Refusal::Unknown => "webhook-url-unknown",
            Refusal::Private => "webhook-url-private",
        }
    }
}

/// The URL `text` names, if a webhook may be sent there.
pub async fn check(text: &str, guard: Guard) -> Result<Url, Refusal> {
    let url = Url::parse(text.trim()).map_err(|_| Refusal::Malformed)?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Refusal::Malformed);
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Refusal::Credentials);
    }
    let host = url
        .host_str()
        .ok_or(Refusal::Malformed)?
        .trim_matches(['[', ']'])
        .to_owned();
    let port = url.port_or_known_default().unwrap_or(443);
    let lookup = tokio::net::lookup_host((host.as_str(), port));
    let addresses: Vec<_> = tokio::time::timeout(LOOKUP_TIMEOUT, lookup)
        .await
        .map_err(|_| Refusal::Unknown)?
        .map_err(|_| Refusal::Unknown)?
        .map(|address| address.ip())
        .collect();
    if addresses.is_empty() {
        return Err(Refusal::Unknown);
    }
    if addresses.iter().any(|address| !guard.admits(*address)) {
        return Err(Refusal::Private);
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PUBLIC_ONLY: Guard = Guard {
        allow_private: false,
    };
    const ANY: Guard = Guard {
        allow_private: true,
    };

    #[tokio::test]
    async fn private_hosts_are_refused_unless_allowed() {
        for url in [
            "http://127.0.0.1:9000/hook",
            "http://localhost/hook",
            "http://[::1]/hook",
            "http://169.254.169.254/latest/meta-data/",
            "https://10.0.0.5/hook",
        ] {
            assert_eq!(
                check(url, PUBLIC_ONLY).await,
                Err(Refusal::Private),
                "{url}"
            );
            assert!(check(url, ANY).await.is_ok(), "{url} allowed");
        }
    }

    #[tokio::test]
    async fn only_http_urls_with_a_host_and_no_credentials() {
        for url in [
            "ftp://example.org/hook",
            "not a url",
            "http://",
            "file:///etc/passwd",
        ] {
            assert_eq!(check(url, ANY).await, Err(Refusal::Malformed), "{url}");
        }
        assert_eq!(
            check("https://user:secret@127.0.0.1/hook", ANY).await,
            Err(Refusal::Credentials)
        );
        assert_eq!(
            check("https://public-93-184-215-14.invalid/hook", ANY).await,
            Err(Refusal::Unknown),
            ".invalid never resolves"
        );
        assert!(
            check("https://93.184.215.14/hook", PUBLIC_ONLY)
                .await
                .is_ok()
        );
    }
}
