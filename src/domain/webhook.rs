//! Webhooks (issue 18): what they may receive and in which form, how a
//! delivery is signed, the way the Standard Webhooks specification says,
//! and which addresses a delivery may not reach (server-side request
//! forgery).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::domain::change::ChangeKind;

/// What a webhook's body is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// JSON signed as the Standard Webhooks specification says.
    Standard,
    /// `{"text": ...}`, the sentence of the activity feed, as Slack's and
    /// Mattermost's incoming webhooks take it.
    Chat,
}

impl Format {
    /// Every format, in the order the form offers them.
    pub const ALL: [Format; 2] = [Format::Standard, Format::Chat];

    /// The spelling stored in `webhooks.format`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Standard => "standard",
            Format::Chat => "chat",
        }
    }

    /// The format stored or sent as `text`, if this version knows it.
    pub fn parse(text: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|format| format.as_str() == text)
    }

    /// The catalog key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Format::Standard => "webhook-format-standard",
            Format::Chat => "webhook-format-chat",
        }
    }
}

/// Whether a webhook may receive changes of `kind`: the plan's own, not the
/// audit of accounts (sign-ins, e-mail addresses) nor that of webhooks.
pub fn sendable(kind: ChangeKind) -> bool {
    kind.subject().of_the_plan()
}

/// The prefix of a secret as the specification writes it.
const SECRET_PREFIX: &str = "whsec_";

/// A webhook's signing secret: 24 to 64 random bytes, written
/// `whsec_<base64>`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Vec<u8>);

/// Why a secret was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvalidSecret {
    Prefix,
    Encoding,
    Length,
}

impl Secret {
    /// The secret `text` writes.
    pub fn parse(text: &str) -> Result<Secret, InvalidSecret> {
        let encoded = text
            .strip_prefix(SECRET_PREFIX)
            .ok_or(InvalidSecret::Prefix)?;
        let bytes = STANDARD
            .decode(encoded)
            .map_err(|_| InvalidSecret::Encoding)?;
        if !(24..=64).contains(&bytes.len()) {
            return Err(InvalidSecret::Length);
        }
        Ok(Secret(bytes))
    }

    /// A secret of these bytes, made by the caller's random source.
    pub fn from_random(bytes: [u8; 32]) -> Secret {
        Secret(bytes.to_vec())
    }

    /// The secret as it is shown once and stored.
    pub fn expose(&self) -> String {
        format!("{SECRET_PREFIX}{}", STANDARD.encode(&self.0))
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

/// The `webhook-signature` header of a delivery `id`, sent at `timestamp`
/// (Unix seconds), of `body`: `v1,` and the base64 HMAC-SHA256 of
/// `id.timestamp.body`.
pub fn signature(secret: &Secret, id: &str, timestamp: i64, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(&secret.0).expect("HMAC takes any key length");
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()))
}

/// Whether a delivery must not reach `address` unless private targets are
/// allowed: this machine, private and shared networks, link-local ones
/// (where clouds answer with their metadata and credentials), and any
/// address that is not one host.
pub fn refused(address: IpAddr) -> bool {
    match address {
        IpAddr::V4(v4) => refused_v4(v4),
        IpAddr::V6(v6) => refused_v6(v6),
    }
}

fn refused_v4(address: Ipv4Addr) -> bool {
    let [a, b, ..] = address.octets();
    address.is_loopback()
        || address.is_private()
        || address.is_link_local()
        || address.is_unspecified()
        || address.is_broadcast()
        || address.is_multicast()
        || address.is_documentation()
        // 0.0.0.0/8 reaches this host on Linux; 100.64.0.0/10 is the
        // carriers' shared space; 192.0.0.0/24 holds protocol assignments;
        // 198.18.0.0/15 is for benchmarks; 240.0.0.0/4 is reserved.
        || a == 0
        || (a == 100 && (64..128).contains(&b))
        || (a == 192 && b == 0 && address.octets()[2] == 0)
        || (a == 198 && (b == 18 || b == 19))
        || a >= 240
}

fn refused_v6(address: Ipv6Addr) -> bool {
    if let Some(v4) = embedded_v4(address) {
        return refused_v4(v4);
    }
    let first = address.segments()[0];
    address.is_loopback()
        || address.is_unspecified()
        || address.is_multicast()
        // fc00::/7 unique local (fd00:ec2::254 answers metadata on AWS),
        // fe80::/10 link-local, 2001:db8::/32 documentation.
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
        || (first == 0x2001 && address.segments()[1] == 0x0db8)
}

/// The IPv4 address an IPv6 one carries: mapped (`::ffff:a.b.c.d`),
/// compatible (`::a.b.c.d`) or translated (`64:ff9b::a.b.c.d`).
fn embedded_v4(address: Ipv6Addr) -> Option<Ipv4Addr> {
    let segments = address.segments();
    let [a, b, c, d] = [
        segments[6] >> 8,
        segments[6] & 0xff,
        segments[7] >> 8,
        segments[7] & 0xff,
    ]
    .map(|part| u8::try_from(part).unwrap_or(0));
    let tail = Ipv4Addr::new(a, b, c, d);
    match segments[..6] {
        [0, 0, 0, 0, 0, 0xffff] => Some(tail),
        [0, 0, 0, 0, 0, 0] if !address.is_loopback() && !address.is_unspecified() => Some(tail),
        [0x64, 0xff9b, 0, 0, 0, 0] => Some(tail),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_read_back_and_accounts_and_webhooks_are_never_sent() {
        for format in Format::ALL {
            assert_eq!(Format::parse(format.as_str()), Some(format));
        }
        assert_eq!(Format::parse("xml"), None);
        assert!(sendable(ChangeKind::ItemStateChanged));
        assert!(sendable(ChangeKind::VotedNoGo));
        assert!(!sendable(ChangeKind::LoggedIn));
        assert!(!sendable(ChangeKind::UserCreated));
        assert!(!sendable(ChangeKind::WebhookDisabled));
    }

    #[test]
    fn the_signature_is_the_specifications_own_example() {
        // From the Standard Webhooks specification, checked with Python's hmac.
        let secret = Secret::parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let body = br#"{"test": 2432232314}"#;
        assert_eq!(
            signature(&secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
        let other = signature(&secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265331, body);
        assert_ne!(other, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    #[test]
    fn a_secret_is_prefixed_base64_of_24_to_64_bytes() {
        assert_eq!(
            Secret::parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
            Err(InvalidSecret::Prefix)
        );
        assert_eq!(
            Secret::parse("whsec_not base64!"),
            Err(InvalidSecret::Encoding)
        );
        assert_eq!(Secret::parse("whsec_c2hvcnQ="), Err(InvalidSecret::Length));
        let made = Secret::from_random([7; 32]);
        assert_eq!(Secret::parse(&made.expose()), Ok(made.clone()));
        assert_eq!(format!("{made:?}"), "Secret(..)", "never printed");
    }

    #[test]
    fn private_link_local_and_special_addresses_are_refused_public_ones_not() {
        for refused_address in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "0.1.2.3",
            "100.64.0.1",
            "100.127.255.255",
            "192.0.0.170",
            "198.18.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "240.0.0.1",
            "::1",
            "::",
            "fd00:ec2::254",
            "fc00::1",
            "fe80::1",
            "ff02::1",
            "2001:db8::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "64:ff9b::10.0.0.1",
            "::10.0.0.1",
        ] {
            let address: IpAddr = refused_address.parse().unwrap();
            assert!(refused(address), "{refused_address} must be refused");
        }
        for allowed in [
            "93.184.215.14",
            "8.8.8.8",
            "100.63.255.255",
            "100.128.0.1",
            "172.32.0.1",
            "192.0.1.1",
            "2606:4700::1111",
            "::ffff:93.184.215.14",
            "64:ff9b::8.8.8.8",
        ] {
            let address: IpAddr = allowed.parse().unwrap();
            assert!(!refused(address), "{allowed} is a public host");
        }
    }
}
