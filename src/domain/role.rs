//! What a user may do, by role.

use serde::{Deserialize, Serialize};

/// A user's role (PRODUCT.md, "Who may do what"). Read from the database as
/// text: an unknown role is a decoding error, never a lesser role.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum, sqlx::Type,
)]
#[serde(rename_all = "lowercase")]
#[sqlx(type_name = "text", rename_all = "lowercase")]
pub enum Role {
    Admin,
    Lead,
    Member,
    Viewer,
}

impl Role {
    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Lead => "lead",
            Role::Member => "member",
            Role::Viewer => "viewer",
        }
    }

    /// The catalog key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Role::Admin => "role-admin",
            Role::Lead => "role-lead",
            Role::Member => "role-member",
            Role::Viewer => "role-viewer",
        }
    }

    /// Parses a posted value.
    pub fn parse(value: &str) -> Option<Role> {
        match value {
            "admin" => Some(Role::Admin),
            "lead" => Some(Role::Lead),
            "member" => Some(Role::Member),
            "viewer" => Some(Role::Viewer),
            _ => None,
        }
    }
}
