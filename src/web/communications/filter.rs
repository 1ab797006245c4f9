//! The communication plan's filters, read from the query string
//! (`/communications?channel=newsletter&state=planned&owner=...`) and written
//! back into the export's link and the state forms.

use uuid::Uuid;

use crate::db::communications::Communication;
use crate::domain::communication::{ActionState, Channel};

/// Whose actions the page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OwnerFilter {
    /// Actions nobody owns yet.
    Nobody,
    Owner(Uuid),
}

impl OwnerFilter {
    /// The value in the query string.
    pub fn value(self) -> String {
        match self {
            OwnerFilter::Nobody => "none".to_owned(),
            OwnerFilter::Owner(id) => id.to_string(),
        }
    }

    fn parse(value: &str) -> Option<OwnerFilter> {
        match value {
            "none" => Some(OwnerFilter::Nobody),
            value => Uuid::parse_str(value).ok().map(OwnerFilter::Owner),
        }
    }
}

/// A request of the page. Unknown or malformed values are dropped rather
/// than refused: a filter is a view, not a change.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ActionQuery {
    pub channel: Option<Channel>,
    pub state: Option<ActionState>,
    pub owner: Option<OwnerFilter>,
}

impl ActionQuery {
    /// Reads a raw query string; the last value of a repeated name wins.
    pub fn parse(raw: Option<&str>) -> ActionQuery {
        let mut query = ActionQuery::default();
        for (name, value) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
            let value = value.trim();
            match name.as_ref() {
                "channel" => query.channel = Channel::parse(value),
                "state" => query.state = ActionState::parse(value),
                "owner" => query.owner = OwnerFilter::parse(value),
                _ => {}
            }
        }
        query
    }

    /// The query string without its `?`, empty when nothing is filtered.
    pub fn encoded(self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if let Some(channel) = self.channel {
            out.append_pair("channel", channel.as_str());
        }
        if let Some(state) = self.state {
            out.append_pair("state", state.as_str());
        }
        if let Some(owner) = self.owner {
            out.append_pair("owner", &owner.value());
        }
        out.finish()
    }

    /// `path` with these filters.
    pub fn on(self, path: &str) -> String {
        match self.encoded() {
            query if query.is_empty() => path.to_owned(),
            query => format!("{path}?{query}"),
        }
    }

    /// Whether the page shows `action`.
    pub fn keeps(&self, action: &Communication) -> bool {
        self.channel.is_none_or(|channel| action.channel == channel)
            && self.state.is_none_or(|state| action.state == state)
            && self.owner.is_none_or(|owner| match owner {
                OwnerFilter::Nobody => action.owner_id.is_none(),
                OwnerFilter::Owner(id) => action.owner_id == Some(id),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_read_back_from_the_links_they_write() {
        let owner = Uuid::new_v4();
        let raw = format!("channel=press_release&state=in_progress&owner={owner}");
        let query = ActionQuery::parse(Some(&raw));
        assert_eq!(query.channel, Some(Channel::PressRelease));
        assert_eq!(query.state, Some(ActionState::InProgress));
        assert_eq!(query.owner, Some(OwnerFilter::Owner(owner)));
        assert_eq!(
            query.on("/communications.csv"),
            format!("/communications.csv?{raw}")
        );
        assert_eq!(ActionQuery::parse(Some(&query.encoded())), query);
    }

    #[test]
    fn malformed_filters_are_dropped() {
        let query = ActionQuery::parse(Some("channel=fax&state=lost&owner=someone"));
        assert_eq!(query, ActionQuery::default());
        assert_eq!(query.on("/communications"), "/communications");
        let nobody = ActionQuery::parse(Some("owner=none"));
        assert_eq!(nobody.owner, Some(OwnerFilter::Nobody));
    }
}
