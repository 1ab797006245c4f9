//! The dashboard's address as people reach it, for the links the product
//! sends out: in e-mails, chat messages and webhook bodies.

/// The dashboard's address as people reach it, e.g. `https://launch.example.org`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicUrl(String);

impl PublicUrl {
    /// The address `base`, with or without a final slash.
    pub fn new(base: impl Into<String>) -> PublicUrl {
        PublicUrl(base.into().trim_end_matches('/').to_owned())
    }

    /// `path` on the dashboard, as an absolute address.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_joins_the_address_and_the_path_with_one_slash() {
        for base in ["https://launch.example.org", "https://launch.example.org/"] {
            assert_eq!(
                PublicUrl::new(base).link("/items/1"),
                "https://launch.example.org/items/1"
            );
        }
    }
}
