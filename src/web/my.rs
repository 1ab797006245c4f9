//! `/my`: what needs the signed-in user now. The items assigned to them
//! (late ones first), their team's open items, the communication actions
//! they answer for, the feedback assigned to them, and whether their team's
//! Go / No-Go vote is awaited; each line links to where it is acted on. A
//! fixed number of queries, whatever the plan's size.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use chrono::Utc;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::db::items;
use crate::db::my::{self, MyAction, MyFeedback};
use crate::db::users::User;
use crate::db::work::{self, WorkFilter};
use crate::domain::calendar::Calendar;
use crate::domain::communication::is_late;
use crate::error::Result;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::comments::{self, MentionLine};
use crate::web::extract::CurrentPlan;
use crate::web::items::view::{ItemRow, RowBuilder};
use crate::web::page::PageCtx;

/// `/my`.
pub fn router() -> Router<AppState> {
    Router::new().route("/my", get(show_my_items))
}

#[derive(Template, WebTemplate)]
#[template(path = "my.html")]
struct MyItemsPage {
    ctx: PageCtx,
    /// The items assigned to me: open ones, then done ones.
    sections: Vec<Section>,
    /// My team's open items, most urgent first; none without a team or
    /// when nothing is open.
    team: Option<Section>,
    actions: Vec<ActionLine>,
    /// Empty for whoever does not triage feedback.
    feedback: Vec<FeedbackLine>,
    /// My team's vote is awaited in the open Go / No-Go poll.
    vote_awaited: bool,
    /// The latest comments that mention me.
    mentions: Vec<MentionLine>,
}

/// A table of the page.
struct Section {
    caption: String,
    rows: Vec<ItemRow>,
}

/// A communication action to carry out.
struct ActionLine {
    id: Uuid,
    /// "J+22 · mar. 18 déc."
    when: String,
    title: String,
    channel: String,
    team: String,
    owner: Option<String>,
    state: &'static str,
    state_label: String,
    late: bool,
}

/// A piece of feedback to handle.
struct FeedbackLine {
    id: Uuid,
    when: String,
    excerpt: String,
    category: String,
    status: &'static str,
    status_label: String,
}

/// Which of their team's open items `/my` lists for someone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TeamScope {
    /// Every open item: whoever edits and assigns the team's items (its
    /// lead) works the whole list.
    Whole,
    /// The open items nobody has taken yet, which a member may pick up.
    Untaken,
}

impl TeamScope {
    fn of(user: &User, team_id: Uuid) -> TeamScope {
        if user.may_edit_items(team_id) {
            TeamScope::Whole
        } else {
            TeamScope::Untaken
        }
    }

    fn caption_key(self) -> &'static str {
        match self {
            TeamScope::Whole => "my-team-all",
            TeamScope::Untaken => "my-team-untaken",
        }
    }
}

async fn show_my_items(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
) -> Result<MyItemsPage> {
    let calendar = plan.calendar();
    let now = Utc::now();
    let today = calendar.today_day(now);
    let builder = RowBuilder {
        lang: ctx.lang,
        calendar: &calendar,
        viewer: &user,
        now,
    };
    let (mut open, done): (Vec<ItemRow>, Vec<ItemRow>) = items::list_assigned(&state.db, user.id)
        .await?
        .into_iter()
        .map(|item| builder.row(item))
        .partition(|row| row.state != "done");
    // Already by due day: a stable sort brings the late ones to the top.
    open.sort_by_key(|row| !row.late);
    let sections = [("my-open", open), ("my-done", done)]
        .into_iter()
        .filter(|(_, rows)| !rows.is_empty())
        .map(|(key, rows)| Section {
            caption: ctx.t(key),
            rows,
        })
        .collect();
    let team = match user.team_id {
        Some(team_id) => team_items(&state, plan.id, &builder, today, team_id).await?,
        None => None,
    };
    let actions = my::open_actions(&state.db, plan.id, user.team_id, user.id)
        .await?
        .into_iter()
        .map(|action| action_line(ctx.lang, &calendar, today, action))
        .collect();
    let feedback = if user.may_triage_feedback() {
        my::assigned_feedback(&state.db, plan.id, user.id)
            .await?
            .into_iter()
            .map(|entry| feedback_line(ctx.lang, &calendar, entry))
            .collect()
    } else {
        Vec::new()
    };
    let vote_awaited = match user.team_id {
        Some(team_id) if user.may_vote(team_id) => {
            my::vote_awaited(&state.db, plan.id, team_id).await?
        }
        _ => false,
    };
    let mentions = comments::mentioned_you(&state, ctx.lang, &calendar, user.id).await?;
    Ok(MyItemsPage {
        ctx,
        sections,
        team,
        actions,
        feedback,
        vote_awaited,
        mentions,
    })
}

/// The team's open items the builder's viewer should see, most urgent first;
/// their own are left out, listed above already.
async fn team_items(
    state: &AppState,
    plan_id: Uuid,
    builder: &RowBuilder<'_>,
    today: i64,
    team_id: Uuid,
) -> Result<Option<Section>> {
    let viewer = builder.viewer;
    let scope = TeamScope::of(viewer, team_id);
    let filter = WorkFilter {
        team_id: Some(team_id),
        open: true,
        unassigned: scope == TeamScope::Untaken,
        ..WorkFilter::default()
    };
    let day = i32::try_from(today).unwrap_or(i32::MAX);
    let rows: Vec<ItemRow> = work::list(&state.db, plan_id, day, &filter)
        .await?
        .into_iter()
        .filter(|item| item.assignee_id != Some(viewer.id))
        .map(|item| builder.row(item))
        .collect();
    Ok((!rows.is_empty()).then(|| Section {
        caption: builder.lang.t(scope.caption_key()),
        rows,
    }))
}

fn action_line(lang: Lang, calendar: &Calendar, today: i64, action: MyAction) -> ActionLine {
    let day = i64::from(action.day);
    ActionLine {
        id: action.id,
        when: lang.day_and_date(day, calendar.date_of(day)),
        title: action.title,
        channel: lang.t(action.channel.label_key()),
        team: action.team_name,
        owner: action.owner_name,
        state: action.state.as_str(),
        state_label: lang.t(action.state.label_key()),
        late: is_late(action.state, day, today),
    }
}

fn feedback_line(lang: Lang, calendar: &Calendar, entry: MyFeedback) -> FeedbackLine {
    let day = i64::from(entry.day);
    FeedbackLine {
        id: entry.id,
        when: lang.day_and_date(day, calendar.date_of(day)),
        excerpt: entry.excerpt,
        category: lang.t(entry.category.label_key()),
        status: entry.status.as_str(),
        status_label: lang.t(entry.status.label_key()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::role::Role;

    fn user(role: Role, team_id: Option<Uuid>) -> User {
        User {
            id: Uuid::new_v4(),
            email: "u@example.org".into(),
            display_name: "U".into(),
            role,
            team_id,
            team_triages_feedback: false,
            locale: None,
            sessions_valid_after: Utc::now(),
            unread_notifications: 0,
        }
    }

    #[test]
    fn a_lead_works_their_teams_whole_open_list_and_a_member_the_items_nobody_has_taken() {
        let team = Uuid::new_v4();
        assert_eq!(
            TeamScope::of(&user(Role::Lead, Some(team)), team),
            TeamScope::Whole
        );
        assert_eq!(
            TeamScope::of(&user(Role::Admin, Some(team)), team),
            TeamScope::Whole
        );
        for role in [Role::Member, Role::Viewer] {
            assert_eq!(
                TeamScope::of(&user(role, Some(team)), team),
                TeamScope::Untaken
            );
        }
    }
}
