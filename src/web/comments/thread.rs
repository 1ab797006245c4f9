//! The thread a subject's page shows (`templates/comments/_thread.html`): its
//! comments, and the form that adds one, for those who may.

use chrono::{DateTime, Utc};

use super::subject;
use crate::auth::policy::CommentScope;
use crate::db::comments::{self, Comment, Person};
use crate::db::users::User;
use crate::domain::calendar::Calendar;
use crate::domain::change::Commentable;
use crate::domain::comment::{Segment, handle_of, segments};
use crate::error::Result;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::activity::time_value;
use crate::web::page::PageCtx;

/// A subject's comments and the form that adds one.
pub struct Thread {
    /// The form's `subject_kind` and `subject_id`.
    pub kind: &'static str,
    pub subject_id: String,
    pub wording: Wording,
    pub comments: Vec<CommentView>,
    pub may_comment: bool,
    /// Whom `@` may name, for the completion.
    pub people: Vec<PersonView>,
    /// The form's text: empty, or as typed when refused.
    pub body: String,
    /// Why the text was refused.
    pub error: String,
}

/// What a thread is called: comments, or on feedback the internal notes.
pub struct Wording {
    pub heading: String,
    pub help: Option<String>,
    pub empty: String,
    pub label: String,
    pub hint: String,
    pub submit: String,
}

/// A comment as shown.
pub struct CommentView {
    pub id: String,
    pub author: String,
    pub when: String,
    /// When, for machines (RFC 3339).
    pub datetime: String,
    /// "edited", with when, if it was.
    pub edited: Option<String>,
    pub pieces: Vec<Piece>,
    /// The edit page, while this user may edit it.
    pub edit_href: Option<String>,
    pub may_delete: bool,
    /// The accessible names of its edit link and delete button.
    pub edit_label: String,
    pub delete_label: String,
}

/// A piece of a comment's text: plain, a link, or a mention (with the name).
pub struct Piece {
    pub text: String,
    pub href: Option<String>,
    pub mention: Option<String>,
}

/// Someone `@` may name.
pub struct PersonView {
    pub handle: String,
    pub name: String,
}

/// A comment refused: the text as typed, and why.
pub struct Draft {
    pub body: String,
    pub error: String,
}

impl Thread {
    /// Shows a refused comment in the form again.
    pub fn redraw(&mut self, draft: Draft) {
        self.body = draft.body;
        self.error = draft.error;
    }
}

/// The thread of `on` as `user` sees it.
pub async fn thread(
    state: &AppState,
    ctx: &PageCtx,
    user: &User,
    on: Commentable,
) -> Result<Thread> {
    let lang = ctx.lang;
    let plan = state.plans.plan().await?;
    let calendar = plan.calendar();
    let may_comment = user.may_comment(on);
    let people = if may_comment {
        comments::people(&state.db, plan.id).await?
    } else {
        Vec::new()
    };
    let now = Utc::now();
    let comments = comments::list(&state.db, on)
        .await?
        .into_iter()
        .map(|comment| view(lang, &calendar, user, on, now, comment))
        .collect();
    Ok(Thread {
        kind: subject::kind(on),
        subject_id: on.id().to_string(),
        wording: wording(lang, on),
        comments,
        may_comment,
        people: people.iter().map(person_view).collect(),
        body: String::new(),
        error: String::new(),
    })
}

fn wording(lang: Lang, on: Commentable) -> Wording {
    let keys = match on {
        Commentable::Feedback(_) => [
            "feedback-notes",
            "feedback-no-notes",
            "feedback-note-add-label",
            "feedback-note-hint",
            "feedback-note-add",
        ],
        Commentable::Item(_) | Commentable::Risk(_) | Commentable::Communication(_) => [
            "comments-title",
            "comments-empty",
            "comment-add-label",
            "comment-hint",
            "comment-add",
        ],
    };
    let [heading, empty, label, hint, submit] = keys.map(|key| lang.t(key));
    Wording {
        heading,
        help: matches!(on, Commentable::Feedback(_)).then(|| lang.t("feedback-notes-help")),
        empty,
        label,
        hint,
        submit,
    }
}

/// Day, date and time of `at` in the plan's zone: "J+3 · lun. 7 déc. · 14:05".
pub(super) fn moment(lang: Lang, calendar: &Calendar, at: DateTime<Utc>) -> String {
    let day = calendar.day_of(calendar.today(at));
    let local = at.with_timezone(&calendar.time_zone);
    format!(
        "{} · {}",
        lang.day_and_date(day, calendar.date_of(day)),
        local.format("%H:%M")
    )
}

pub(super) fn person_view(person: &Person) -> PersonView {
    PersonView {
        handle: handle_of(&person.email),
        name: person.name.clone(),
    }
}

/// The pieces of `body`, its mentions named after the users it mentioned.
fn pieces(body: &str, mentioned: &[Person]) -> Vec<Piece> {
    let name_of = |handle: &str| {
        let names: Vec<&str> = mentioned
            .iter()
            .filter(|person| handle_of(&person.email) == handle)
            .map(|person| person.name.as_str())
            .collect();
        (!names.is_empty()).then(|| names.join(", "))
    };
    segments(body, name_of)
        .into_iter()
        .map(|segment| match segment {
            Segment::Text(text) => Piece {
                text,
                href: None,
                mention: None,
            },
            Segment::Link(url) => Piece {
                href: Some(url.clone()),
                text: url,
                mention: None,
            },
            Segment::Mention { written, name } => Piece {
                text: written,
                href: None,
                mention: Some(name),
            },
        })
        .collect()
}

fn view(
    lang: Lang,
    calendar: &Calendar,
    user: &User,
    on: Commentable,
    now: DateTime<Utc>,
    comment: Comment,
) -> CommentView {
    let scope = CommentScope {
        on,
        author_id: comment.author_id,
        created_at: comment.created_at,
    };
    let author = comment.author_name.unwrap_or_else(|| lang.t("someone"));
    let when = moment(lang, calendar, comment.created_at);
    let named = [
        ("author", author.clone().into()),
        ("when", when.clone().into()),
    ];
    CommentView {
        id: comment.id.to_string(),
        datetime: time_value(&comment.created_at),
        edited: comment.edited_at.map(|at| {
            lang.t_args(
                "comment-edited-mark",
                &[("when", moment(lang, calendar, at).into())],
            )
        }),
        pieces: pieces(&comment.body, &comment.mentioned),
        edit_href: user
            .may_edit_comment(scope, now)
            .then(|| format!("/comments/{}/edit", comment.id)),
        may_delete: user.may_delete_comment(scope),
        edit_label: lang.t_args("comment-edit-label", &named),
        delete_label: lang.t_args("comment-delete-label", &named),
        author,
        when,
    }
}
