//! The overview's "needs attention" block: blocked items with their reasons,
//! late items and the week's due items, each leading to the work queue.

use crate::db::attention::Pressing;
use crate::domain::item::ItemState;
use crate::i18n::Lang;

/// How many days ahead "due soon" looks, as `/work?due_within=` says it.
pub const DUE_WITHIN: i32 = 7;
/// How many late items the block names; the rest are behind the link.
const LATE_SHOWN: usize = 5;

/// What needs attention today.
pub struct Attention {
    pub blocked: Vec<AttentionLine>,
    /// "3 en retard", linking to `/work?late=1&kind=items`.
    pub late_label: String,
    pub late_href: String,
    /// The first late items, in the queue's order: blocked, then most overdue.
    pub late: Vec<AttentionLine>,
    /// "4 à échéance dans les 7 jours", linking to `/work?due_within=7&kind=items`.
    pub due_label: String,
    pub due_href: String,
}

/// An item named in the block.
pub struct AttentionLine {
    pub href: String,
    pub title: String,
    /// The reason it is blocked, or its phase and due day.
    pub detail: String,
}

impl Attention {
    /// Sorts the `pressing` items of day `today` into the block's groups, with
    /// the same rules as the work queue's `late` and `due_within` filters.
    pub fn of(lang: Lang, pressing: Vec<Pressing>, today: i32) -> Attention {
        let line = |item: &Pressing, detail: String| AttentionLine {
            href: format!("/items/{}", item.id),
            title: item.title.clone(),
            detail,
        };
        let blocked = pressing
            .iter()
            .filter(|item| item.state == ItemState::Blocked)
            .map(|item| line(item, item.blocked_reason.clone().unwrap_or_default()))
            .collect();
        let late: Vec<&Pressing> = pressing
            .iter()
            .filter(|item| item.due_day < today)
            .collect();
        let due = pressing
            .iter()
            .filter(|item| (today..=today + DUE_WITHIN).contains(&item.due_day))
            .count();
        Attention {
            blocked,
            late_label: lang.t_args("attention-late", &[("count", late.len().into())]),
            late_href: "/work?late=1&kind=items".to_owned(),
            late: late
                .iter()
                .take(LATE_SHOWN)
                .map(|item| {
                    let due = lang.day(item.due_day.into());
                    line(item, format!("{} · {due}", item.phase_section))
                })
                .collect(),
            due_label: lang.t_args(
                "attention-due",
                &[("count", due.into()), ("days", DUE_WITHIN.into())],
            ),
            due_href: format!("/work?due_within={DUE_WITHIN}&kind=items"),
        }
    }
}
