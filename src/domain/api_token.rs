//! API tokens (issue 19): what a token may do, and its secret, of which
//! only a hash is kept.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// What a token may do, beside what its holder may do at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Read the plan, its items, risks and poll.
    Read,
    /// Change an item's state and evidence link.
    ItemsWrite,
    /// Send feedback, as a support widget does.
    FeedbackWrite,
}

impl Scope {
    /// Every scope, in the order forms offer them.
    pub const ALL: [Scope; 3] = [Scope::Read, Scope::ItemsWrite, Scope::FeedbackWrite];

    /// The spelling stored in `api_tokens.scopes` and shown to admins.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::ItemsWrite => "items:write",
            Scope::FeedbackWrite => "feedback:write",
        }
    }

    /// The scope spelled `text`, if this version knows it.
    pub fn parse(text: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|scope| scope.as_str() == text)
    }
}

/// The prefix of every token, so that a leaked one is recognised (secret
/// scanners) and a typo in the header is told from a wrong token.
const PREFIX: &str = "lct_";

/// A token's secret as its holder sends it: `Authorization: Bearer lct_...`.
#[derive(Clone, PartialEq, Eq)]
pub struct TokenSecret(String);

impl TokenSecret {
    /// A secret of these random bytes, made by the caller's random source.
    pub fn from_random(bytes: [u8; 32]) -> TokenSecret {
        TokenSecret(format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes)))
    }

    /// The secret `text` sends, if it has a token's form.
    pub fn parse(text: &str) -> Option<TokenSecret> {
        let encoded = text.strip_prefix(PREFIX)?;
        let bytes = URL_SAFE_NO_PAD.decode(encoded).ok()?;
        (bytes.len() == 32).then(|| TokenSecret(text.to_owned()))
    }

    /// The secret, to show once.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// What is stored and looked up: SHA-256 of the secret.
    pub fn hash(&self) -> [u8; 32] {
        Sha256::digest(self.0.as_bytes()).into()
    }
}

impl std::fmt::Debug for TokenSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenSecret(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_read_back_from_their_spelling() {
        for scope in Scope::ALL {
            assert_eq!(Scope::parse(scope.as_str()), Some(scope));
        }
        assert_eq!(Scope::parse("admin"), None);
        assert_eq!(Scope::ItemsWrite.as_str(), "items:write");
    }

    #[test]
    fn a_secret_is_prefixed_and_256_bits_and_is_never_printed() {
        let secret = TokenSecret::from_random([9; 32]);
        assert!(secret.expose().starts_with("lct_"));
        assert_eq!(TokenSecret::parse(secret.expose()), Some(secret.clone()));
        assert_eq!(format!("{secret:?}"), "TokenSecret(..)");
        for wrong in ["", "lct_", "lct_abc", "Bearer lct_x", &secret.expose()[4..]] {
            assert_eq!(TokenSecret::parse(wrong), None, "{wrong:?}");
        }
        let other = TokenSecret::from_random([8; 32]);
        assert_ne!(secret.hash(), other.hash());
        assert_eq!(
            secret.hash(),
            TokenSecret::parse(secret.expose()).unwrap().hash()
        );
    }
}
