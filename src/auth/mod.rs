//! Who is signed in: sessions, passwords and CSRF tokens.

pub mod cookies;
pub mod csrf;
pub mod password;
pub mod policy;
pub mod session;
pub mod session_store;
pub mod throttle;
pub mod tokens;

pub use session::CurrentUser;
