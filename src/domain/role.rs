//! What a user may do, by role.

use serde::{Deserialize, Serialize};

/// A user's role (PRODUCT.md, "Who may do what").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
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

    /// Parses the stored value.
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
