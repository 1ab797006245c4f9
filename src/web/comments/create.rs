//! Adding a comment on an item, a risk, a communication action or a piece
//! of feedback. The forms that post it live with the pages that draw the
//! subject again when it is refused (`web::comment_posts`).

use axum::response::Redirect;
use tower_sessions::Session;

use super::thread::Draft;
use super::{comment_text, flash_key, mentioned};
use crate::auth::policy::allow;
use crate::db::users::User;
use crate::db::{comments, events};
use crate::domain::change::{Change, CommentVerb, Commentable};
use crate::domain::comment::CommentBody;
use crate::error::Result;
use crate::state::AppState;
use crate::web::extract::in_shown_plan;
use crate::web::page::{self, PageCtx};

/// What became of a comment.
pub enum Posted {
    /// Added: back to the subject's page.
    Added(Redirect),
    /// Refused: the subject's page again, with the text and its error.
    Refused(Draft),
}

/// Adds `user`'s comment on `on`, then redirects to `back`; refused text
/// comes back as the draft to show again.
pub async fn add(
    state: &AppState,
    ctx: &PageCtx,
    user: &User,
    session: &Session,
    on: Commentable,
    typed: String,
    back: String,
) -> Result<Posted> {
    allow(user.may_comment(on))?;
    let body = match CommentBody::parse(&typed) {
        Ok(body) => body,
        Err(invalid) => {
            let draft = Draft {
                error: ctx.t(invalid.key()),
                body: typed,
            };
            return Ok(Posted::Refused(draft));
        }
    };
    let mut tx = state.db.begin().await?;
    let target = in_shown_plan(comments::target(&mut tx, on).await?)?;
    let mentions = mentioned(state, target.plan_id, &body).await?;
    let id = comments::add(&mut tx, target.plan_id, on, user.id, &body, &mentions).await?;
    let commented = Change::Commented {
        on,
        after: comment_text(on, id, &target, body.as_str(), mentions),
    };
    events::record(&mut tx, Some(target.plan_id), Some(user.id), &commented).await?;
    tx.commit().await?;
    page::flash(session, ctx.t(flash_key(on, CommentVerb::Added))).await?;
    Ok(Posted::Added(Redirect::to(&back)))
}
