//! The comments that mention a user, for the "mentioned you" list of `/my`.

use uuid::Uuid;

use super::subject;
use super::thread::moment;
use crate::db::comments;
use crate::domain::calendar::Calendar;
use crate::error::Result;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::activity::time_value;
use crate::web::prose::excerpt;

/// How many of the latest mentions `/my` lists.
const LATEST: i64 = 10;
/// Characters of a comment the list shows.
const EXCERPT_CHARS: usize = 140;

/// A comment that mentioned the reader: who, on what, when, and its start.
pub struct MentionLine {
    pub author: String,
    pub title: String,
    /// The comment on its subject's page.
    pub href: String,
    pub when: String,
    /// When, for machines (RFC 3339).
    pub datetime: String,
    pub excerpt: String,
}

/// The latest comments that mention `user_id`, newest first.
pub async fn mentioned_you(
    state: &AppState,
    lang: Lang,
    calendar: &Calendar,
    user_id: Uuid,
) -> Result<Vec<MentionLine>> {
    Ok(comments::mentions_of(&state.db, user_id, LATEST)
        .await?
        .into_iter()
        .map(|mention| MentionLine {
            author: mention.author_name.unwrap_or_else(|| lang.t("someone")),
            title: mention
                .title
                .unwrap_or_else(|| lang.t("comment-on-feedback")),
            href: format!(
                "{}#comment-{}",
                subject::page(mention.on),
                mention.comment_id
            ),
            when: moment(lang, calendar, mention.created_at),
            datetime: time_value(&mention.created_at),
            excerpt: excerpt(&mention.body, EXCERPT_CHARS),
        })
        .collect())
}
