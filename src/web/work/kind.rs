//! The two kinds of rows the work queue lists.

/// What the queue lists: checklist items, communication actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Items,
    Actions,
}

impl Kind {
    /// Both kinds, in the order the queue's filter offers them.
    pub const ALL: [Kind; 2] = [Kind::Items, Kind::Actions];

    /// The value in the query string.
    pub fn value(self) -> &'static str {
        match self {
            Kind::Items => "items",
            Kind::Actions => "actions",
        }
    }

    pub(super) fn parse(value: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.value() == value)
    }
}
