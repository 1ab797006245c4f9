//! Who is signed in: sessions, passwords and CSRF tokens.

pub mod csrf;
pub mod password;
pub mod session;

pub use session::CurrentUser;
