//! What an account is made of, parsed once from what people type.

/// The shortest password accepted.
pub const MIN_LENGTH: usize = 12;

/// Why a value was refused; each maps to a translated message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Invalid {
    Required,
    Email,
    TooLong,
    PasswordTooShort,
    PasswordTooCommon,
    PasswordsDiffer,
}

impl Invalid {
    /// The catalog key of the message shown beside the field.
    pub fn key(self) -> &'static str {
        match self {
            Invalid::Required => "invalid-required",
            Invalid::Email => "invalid-email",
            Invalid::TooLong => "invalid-too-long",
            Invalid::PasswordTooShort => "invalid-password-short",
            Invalid::PasswordTooCommon => "invalid-password-common",
            Invalid::PasswordsDiffer => "invalid-passwords-differ",
        }
    }
}

/// An email address: one `@`, something on each side, no spaces, at most 254 characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Parses what was typed; surrounding spaces are dropped.
    pub fn parse(raw: &str) -> Result<Email, Invalid> {
        let email = raw.trim();
        if email.is_empty() {
            return Err(Invalid::Required);
        }
        if email.len() > 254 {
            return Err(Invalid::TooLong);
        }
        let valid = email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
        if !valid || email.chars().any(char::is_whitespace) || email.matches('@').count() != 1 {
            return Err(Invalid::Email);
        }
        Ok(Email(email.to_owned()))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A person's name as shown beside what they did: 1 to 100 characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    /// Parses what was typed; surrounding spaces are dropped.
    pub fn parse(raw: &str) -> Result<DisplayName, Invalid> {
        let name = raw.trim();
        match name.chars().count() {
            0 => Err(Invalid::Required),
            1..=100 => Ok(DisplayName(name.to_owned())),
            _ => Err(Invalid::TooLong),
        }
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password good enough to keep: long enough and not easy to guess.
pub struct NewPassword(String);

impl NewPassword {
    /// Checks length (12 characters at least, 256 at most) and strength
    /// (zxcvbn, which knows common passwords, names and keyboard patterns;
    /// `context` holds words of the account that must not carry the password).
    pub fn parse(raw: &str, confirmation: &str, context: &[&str]) -> Result<NewPassword, Invalid> {
        let length = raw.chars().count();
        if length < MIN_LENGTH {
            return Err(Invalid::PasswordTooShort);
        }
        if length > 256 {
            return Err(Invalid::TooLong);
        }
        if raw != confirmation {
            return Err(Invalid::PasswordsDiffer);
        }
        if zxcvbn::zxcvbn(raw, context).score() < zxcvbn::Score::Three {
            return Err(Invalid::PasswordTooCommon);
        }
        Ok(NewPassword(raw.to_owned()))
    }

    /// The password, to be hashed.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_need_one_at_sign_and_a_dotted_domain() {
        assert_eq!(
            Email::parse("  dana@example.org ").unwrap().as_str(),
            "dana@example.org"
        );
        assert_eq!(Email::parse(""), Err(Invalid::Required));
        for bad in [
            "dana",
            "dana@",
            "@example.org",
            "dana@example",
            "da na@example.org",
            "a@b@c.org",
        ] {
            assert_eq!(Email::parse(bad), Err(Invalid::Email), "{bad}");
        }
    }

    #[test]
    fn common_short_or_mismatched_passwords_are_refused() {
        assert_eq!(
            NewPassword::parse("short", "short", &[]).err(),
            Some(Invalid::PasswordTooShort)
        );
        assert_eq!(
            NewPassword::parse("password1234", "password1234", &[]).err(),
            Some(Invalid::PasswordTooCommon)
        );
        assert_eq!(
            NewPassword::parse(
                "dana.dupont@example.org",
                "dana.dupont@example.org",
                &["dana.dupont@example.org"]
            )
            .err(),
            Some(Invalid::PasswordTooCommon)
        );
        let good = "correct horse battery staple";
        assert_eq!(
            NewPassword::parse(good, "correct horse battery stapel", &[]).err(),
            Some(Invalid::PasswordsDiffer)
        );
        assert_eq!(NewPassword::parse(good, good, &[]).unwrap().expose(), good);
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(DisplayName::parse("  Dana ").unwrap().as_str(), "Dana");
        assert_eq!(DisplayName::parse("   "), Err(Invalid::Required));
        assert_eq!(DisplayName::parse(&"x".repeat(101)), Err(Invalid::TooLong));
    }
}

/// A one-time link to set a password, e-mailed to its owner when the server
/// sends e-mail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountLink {
    /// A new account's first password.
    Welcome,
    /// A password reset an admin asked for.
    Reset,
}

impl AccountLink {
    /// The spelling stored in `deliveries.link`.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountLink::Welcome => "welcome",
            AccountLink::Reset => "reset",
        }
    }

    /// The link stored as `text`, if this version knows it.
    pub fn parse(text: &str) -> Option<AccountLink> {
        [AccountLink::Welcome, AccountLink::Reset]
            .into_iter()
            .find(|link| link.as_str() == text)
    }

    /// How long the link works: three days to set a new account up, one
    /// to act on a reset.
    pub fn lifetime(self) -> chrono::Duration {
        match self {
            AccountLink::Welcome => chrono::Duration::hours(72),
            AccountLink::Reset => chrono::Duration::hours(24),
        }
    }
}

#[cfg(test)]
mod link_tests {
    use super::*;

    #[test]
    fn a_new_account_has_three_days_and_a_reset_one() {
        for link in [AccountLink::Welcome, AccountLink::Reset] {
            assert_eq!(AccountLink::parse(link.as_str()), Some(link));
        }
        assert_eq!(AccountLink::parse("magic"), None);
        assert_eq!(AccountLink::Welcome.lifetime().num_hours(), 72);
        assert_eq!(AccountLink::Reset.lifetime().num_hours(), 24);
    }
}
