//! Comments on items, risks, communication actions and feedback (there, the
//! triage's internal notes): added from the thread on the subject's page,
//! edited by their author for 15 minutes, deleted by their author or an
//! admin. `@handle` mentions a user of the plan, whose `/my` lists it.

mod create;
mod edit;
mod mentions;
pub mod subject;
mod thread;

use axum::Router;
use axum::routing::{get, post};
use uuid::Uuid;

pub use self::create::{Posted, add};
pub use self::mentions::{MentionLine, mentioned_you};
pub use self::thread::{Draft, Thread, thread};
use crate::db::comments::{self, Target};
use crate::domain::change::{CommentText, CommentVerb, Commentable};
use crate::domain::comment::{CommentBody, handle_of};
use crate::error::Result;
use crate::state::AppState;

/// The routes that edit and delete comments (`web::comment_posts` adds them).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/comments/{id}", post(edit::update_comment))
        .route("/comments/{id}/edit", get(edit::edit_comment_form))
        .route("/comments/{id}/delete", post(edit::delete_comment))
}

/// The users of `plan_id` whose handles `body` writes.
async fn mentioned(state: &AppState, plan_id: Uuid, body: &CommentBody) -> Result<Vec<Uuid>> {
    let handles = body.handles();
    if handles.is_empty() {
        return Ok(Vec::new());
    }
    Ok(comments::people(&state.db, plan_id)
        .await?
        .into_iter()
        .filter(|person| handles.contains(&handle_of(&person.email)))
        .map(|person| person.id)
        .collect())
}

/// What an event says of a comment. On feedback, neither title nor text:
/// a note may quote the personal data that stays in its row.
fn comment_text(
    on: Commentable,
    comment_id: Uuid,
    target: &Target,
    body: &str,
    mentions: Vec<Uuid>,
) -> CommentText {
    let (title, body) = match on {
        Commentable::Feedback(_) => (String::new(), String::new()),
        Commentable::Item(_) | Commentable::Risk(_) | Commentable::Communication(_) => {
            (target.title.clone(), body.to_owned())
        }
    };
    CommentText {
        comment_id,
        title,
        body,
        mentions,
    }
}

/// The flash message after `verb`: about a note on feedback, a comment elsewhere.
fn flash_key(on: Commentable, verb: CommentVerb) -> &'static str {
    match (on, verb) {
        (Commentable::Feedback(_), CommentVerb::Added) => "feedback-note-added",
        (Commentable::Feedback(_), CommentVerb::Edited) => "comment-note-edited",
        (Commentable::Feedback(_), CommentVerb::Deleted) => "comment-note-deleted",
        (_, CommentVerb::Added) => "comment-added",
        (_, CommentVerb::Edited) => "comment-edited",
        (_, CommentVerb::Deleted) => "comment-deleted",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_of_notes_on_feedback_keep_neither_title_nor_text() {
        let (id, comment) = (Uuid::new_v4(), Uuid::new_v4());
        let target = Target {
            plan_id: id,
            title: "Tester la sauvegarde".into(),
        };
        let on_item = comment_text(Commentable::Item(id), comment, &target, "Vu", vec![id]);
        let on_entry = comment_text(Commentable::Feedback(id), comment, &target, "Vu", vec![id]);

        assert_eq!(
            (on_item.title.as_str(), on_item.body.as_str()),
            ("Tester la sauvegarde", "Vu")
        );
        assert!(on_entry.title.is_empty() && on_entry.body.is_empty());
        assert_eq!(on_entry.mentions, [id]);
    }
}
