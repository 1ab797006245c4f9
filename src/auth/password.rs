//! Password hashing with argon2id at OWASP's recommended cost, a few at a time.
//!
//! Each hash fills 19 MiB. Unbounded, a burst of wrong passwords took the
//! server past 2 GiB, which glibc then kept. So the server's hashes wait for
//! one of a few turns ([`turn`]), and each turn reuses one of as many
//! buffers, allocated once: hashing never holds more than `turns × 19 MiB`,
//! whatever the allocator does with freed memory.

mod bound;

use std::sync::OnceLock;

use argon2::password_hash::{
    Output, ParamsString, PasswordHash, Salt, SaltString, rand_core::OsRng,
};
use argon2::{Algorithm, Argon2, Block, Params, Version};

use crate::error::AppError;

pub use crate::domain::account::MIN_LENGTH;

/// argon2id, m = 19 MiB, t = 2, p = 1: OWASP's Password Storage Cheat Sheet.
fn params() -> Params {
    Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters")
}

/// argon2's working memory for one hash, kept from one hash to the next.
type Memory = Vec<Block>;

/// A PHC string (`$argon2id$...`) for `password`, in memory of its own: for
/// the command line and tests. The server uses [`hash_in_turn`].
pub fn hash(password: &str) -> anyhow::Result<String> {
    hash_with(&mut Memory::new(), password)
}

/// A turn to check or hash a password: one of a few in the process, each
/// hashing in a buffer of its own.
pub struct Turn(bound::Permit);

/// Waits for a turn to check or hash a password.
///
/// # Errors
/// [`AppError::Busy`] when every turn stayed taken for the wait.
pub async fn turn() -> Result<Turn, AppError> {
    bound::global().turn().await.map(Turn)
}

/// A PHC string for a new password, in its turn.
///
/// # Errors
/// [`AppError::Busy`] when every turn stayed taken for the wait.
pub async fn hash_in_turn(password: String) -> Result<String, AppError> {
    turn().await?.hash(password).await
}

impl Turn {
    /// A PHC string (`$argon2id$...`) for `password`.
    pub async fn hash(self, password: String) -> Result<String, AppError> {
        self.0
            .run(move |memory| hash_with(memory, &password))
            .await?
            .map_err(AppError::from)
    }

    /// Whether `password` matches `stored`. An unknown account (`None`) costs
    /// the time of a real check, so that it cannot be told from a wrong
    /// password, and never matches.
    pub async fn verify(self, stored: Option<String>, password: String) -> Result<bool, AppError> {
        self.0
            .run(move |memory| match stored {
                Some(stored) => verify_with(memory, &stored, &password),
                None => {
                    let dummy = dummy(memory);
                    verify_with(memory, dummy, &password);
                    false
                }
            })
            .await
    }
}

/// A hash nobody's password matches, made once.
fn dummy(memory: &mut Memory) -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_with(memory, "not a password anyone has").unwrap_or_default())
}

fn hash_with(memory: &mut Memory, password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    let params = params();
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let output = digest(
        memory,
        &argon2,
        &params,
        password,
        salt.as_salt(),
        Params::DEFAULT_OUTPUT_LEN,
    )
    .map_err(|error| anyhow::anyhow!("cannot hash password: {error}"))?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params)
            .map_err(|error| anyhow::anyhow!("cannot write argon2 parameters: {error}"))?,
        salt: Some(salt.as_salt()),
        hash: Some(output),
    };
    Ok(phc.to_string())
}

/// Whether `password` matches `stored`; a malformed hash never matches.
fn verify_with(memory: &mut Memory, stored: &str, password: &str) -> bool {
    matches(memory, stored, password).unwrap_or(false)
}

/// What `PasswordVerifier` does, with the parameters the hash was made with,
/// in `memory`.
fn matches(
    memory: &mut Memory,
    stored: &str,
    password: &str,
) -> argon2::password_hash::Result<bool> {
    let parsed = PasswordHash::new(stored)?;
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return Ok(false);
    };
    let algorithm = Algorithm::try_from(parsed.algorithm)?;
    let version = parsed
        .version
        .map(Version::try_from)
        .transpose()?
        .unwrap_or_default();
    let params = Params::try_from(&parsed)?;
    let argon2 = Argon2::new(algorithm, version, params.clone());
    let computed = digest(memory, &argon2, &params, password, salt, expected.len())?;
    // `Output`'s equality takes the same time wherever the bytes differ.
    Ok(computed == expected)
}

/// argon2 of `password` and `salt` into `len` bytes, in `memory`, which
/// grows to what `params` need and stays that size for the next hash.
fn digest(
    memory: &mut Memory,
    argon2: &Argon2<'_>,
    params: &Params,
    password: &str,
    salt: Salt<'_>,
    len: usize,
) -> argon2::password_hash::Result<Output> {
    let mut salt_bytes = [0; Salt::MAX_LENGTH];
    let salt = salt.decode_b64(&mut salt_bytes)?;
    if memory.len() < params.block_count() {
        memory.resize(params.block_count(), Block::default());
    }
    Output::init_with(len, |out| {
        Ok(argon2.hash_password_into_with_memory(password.as_bytes(), salt, out, &mut *memory)?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_and_no_other() {
        let stored = hash("correct horse battery staple").unwrap();
        let mut memory = Memory::new();
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify_with(
            &mut memory,
            &stored,
            "correct horse battery staple"
        ));
        assert!(!verify_with(
            &mut memory,
            &stored,
            "correct horse battery stapl"
        ));
        assert!(!verify_with(&mut memory, "not a hash", "anything"));
    }

    #[test]
    fn hashes_made_by_the_argon2_crate_itself_still_verify_in_reused_memory() {
        use argon2::password_hash::PasswordHasher;
        // Older accounts, and the cost of another day: argon2i with t = 3.
        let salt = SaltString::generate(&mut OsRng);
        let other = Argon2::new(
            Algorithm::Argon2i,
            Version::V0x13,
            Params::new(8 * 1024, 3, 1, None).unwrap(),
        );
        let stored = other
            .hash_password(b"old password", &salt)
            .unwrap()
            .to_string();
        let mut memory = Memory::new();

        assert!(verify_with(&mut memory, &stored, "old password"));
        assert!(!verify_with(&mut memory, &stored, "old passwore"));
        let ours = hash_with(&mut memory, "new password").unwrap();
        assert!(verify_with(&mut memory, &ours, "new password"));
        assert_eq!(memory.len(), params().block_count(), "the memory is reused");
    }

    #[test]
    fn a_hash_without_its_output_never_matches() {
        let stored = hash("secret words here").unwrap();
        let (without_output, _) = stored.rsplit_once('$').unwrap();
        assert!(!verify_with(
            &mut Memory::new(),
            without_output,
            "secret words here"
        ));
    }
}
