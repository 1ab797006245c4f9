//! The token of an anonymous visitor's forms: an HMAC-SHA256 of a random
//! nonce kept in the visitor's cookie, under a key every instance shares.
//!
//! A forger cannot make the token that goes with a victim's nonce without the
//! key, and cannot read it from the victim's page (same-origin policy); a
//! token copied from the forger's own page goes with the forger's nonce only.

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

use crate::auth::tokens;

/// The key's length: HMAC-SHA256's block-sized secret, as stored.
pub const KEY_BYTES: usize = 32;

/// The key tokens are signed with. No `Debug`: it must never reach a log.
#[derive(Clone)]
pub struct Key([u8; KEY_BYTES]);

impl Key {
    /// A new random key.
    pub fn generate() -> Key {
        let mut bytes = [0u8; KEY_BYTES];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        Key(bytes)
    }

    /// The key stored as `bytes`; `None` unless it has [`KEY_BYTES`] bytes.
    pub fn from_stored(bytes: &[u8]) -> Option<Key> {
        bytes.try_into().ok().map(Key)
    }

    /// The bytes to store.
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// The token of the forms drawn for `nonce`, as lowercase hex.
    pub fn sign(&self, nonce: &Nonce) -> String {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes a key of any length");
        mac.update(nonce.0.as_bytes());
        mac.finalize()
            .into_bytes()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }
}

/// A visitor's nonce: 32 random bytes as 64 lowercase hex digits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Nonce(String);

impl Nonce {
    /// A new random nonce.
    pub fn generate() -> Nonce {
        Nonce(tokens::random_secret())
    }

    /// The nonce a cookie holds; `None` for anything [`Nonce::generate`]
    /// could not have made, which then gets a new one.
    pub fn parse(value: &str) -> Option<Nonce> {
        let well_formed = value.len() == 64
            && value
                .bytes()
                .all(|byte| byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte));
        well_formed.then(|| Nonce(value.to_owned()))
    }

    /// The nonce as the cookie holds it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONCE: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    fn key(first: u8) -> Key {
        Key(std::array::from_fn(|index| first.wrapping_add(index as u8)))
    }

    #[test]
    fn a_token_is_the_hmac_sha256_of_the_nonce_under_the_key() {
        // `openssl dgst -sha256 -mac HMAC -macopt hexkey:000102…1f` of NONCE.
        let expected = "05e239570be84ebfddc96dd5d231223bdedca89db3878c136c670bbdc5be8a50";

        assert_eq!(key(0).sign(&Nonce::parse(NONCE).unwrap()), expected);
    }

    #[test]
    fn a_token_goes_with_one_nonce_and_one_key() {
        let nonce = Nonce::parse(NONCE).unwrap();
        let other_nonce = Nonce::parse(&NONCE.replace("ff", "fe")).unwrap();

        assert_eq!(key(0).sign(&nonce), key(0).sign(&nonce));
        assert_ne!(key(0).sign(&nonce), key(0).sign(&other_nonce));
        assert_ne!(key(0).sign(&nonce), key(1).sign(&nonce));
    }

    #[test]
    fn a_nonce_is_64_lowercase_hex_digits() {
        let generated = Nonce::generate();

        assert_eq!(Nonce::parse(generated.as_str()), Some(generated.clone()));
        assert_ne!(Nonce::generate(), generated);
        assert_eq!(Nonce::parse(NONCE).unwrap().as_str(), NONCE);
        for refused in [
            "",
            &NONCE[1..],
            &format!("{NONCE}0"),
            &NONCE.to_uppercase(),
            &NONCE.replace('a', "g"),
            &NONCE.replace("00", "0 "),
        ] {
            assert_eq!(Nonce::parse(refused), None, "{refused:?}");
        }
    }

    #[test]
    fn a_stored_key_has_exactly_32_bytes() {
        let stored = Key::generate().bytes().to_vec();

        let key = Key::from_stored(&stored).expect("a generated key reads back");
        assert_eq!(key.bytes(), stored.as_slice());
        assert_ne!(Key::generate().bytes(), stored.as_slice());
        assert!(Key::from_stored(&stored[1..]).is_none());
        assert!(Key::from_stored(&[stored.as_slice(), &[0]].concat()).is_none());
    }
}
