//! PRODUCT.md's permission table, in one place. Handlers ask these questions
//! and pages use the same answers to hide controls a user may not use.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::api::caller::{ApiCaller, Grant};
use crate::db::items::{Item, Movable};
use crate::db::users::User;
use crate::domain::api_token::Scope;
use crate::domain::change::Commentable;
use crate::domain::comment::within_edit_window;
use crate::domain::role::Role;
use crate::error::AppError;
use crate::plan_cache::PlanSnapshot;

/// What a checklist item's permissions depend on.
#[derive(Clone, Copy, Debug)]
pub struct ItemScope {
    pub team_id: Uuid,
    pub assignee_id: Option<Uuid>,
}

impl ItemScope {
    /// The scope of a stored item.
    pub fn of(item: &Item) -> ItemScope {
        ItemScope {
            team_id: item.team_id,
            assignee_id: item.assignee_id,
        }
    }

    /// The scope of an item read for a move.
    pub fn of_move(item: &Movable) -> ItemScope {
        ItemScope {
            team_id: item.team_id,
            assignee_id: item.assignee_id,
        }
    }
}

/// What a comment's permissions depend on.
#[derive(Clone, Copy, Debug)]
pub struct CommentScope {
    pub on: Commentable,
    pub author_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl User {
    fn in_team(&self, team_id: Uuid) -> bool {
        self.team_id == Some(team_id)
    }

    /// Tick items: admins all; leads their team's; members their team's and their own.
    pub fn may_tick(&self, item: ItemScope) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Lead => self.in_team(item.team_id),
            Role::Member => self.in_team(item.team_id) || item.assignee_id == Some(self.id),
            Role::Viewer => false,
        }
    }

    /// Tick some item at all (see [`User::may_tick`]): anyone but viewers.
    pub fn may_tick_some_item(&self) -> bool {
        self.role != Role::Viewer
    }

    /// Edit and assign items: admins all; leads their team's.
    pub fn may_edit_items(&self, team_id: Uuid) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Lead => self.in_team(team_id),
            Role::Member | Role::Viewer => false,
        }
    }

    /// See the trash: admins and leads. What each may restore there is what
    /// they may edit ([`User::may_edit_items`]).
    pub fn may_see_trash(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Lead)
    }

    /// Edit a phase's name and days, and link it to others: admins all;
    /// leads their team's. Giving it to another team is an admin's.
    pub fn may_edit_phase(&self, team_id: Uuid) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Lead => self.in_team(team_id),
            Role::Member | Role::Viewer => false,
        }
    }

    /// Edit and review risks: admins all; leads those their team owns.
    pub fn may_edit_risks(&self, owner_team_id: Uuid) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Lead => self.in_team(owner_team_id),
            Role::Member | Role::Viewer => false,
        }
    }

    /// Vote Go / No-Go: a team's lead, for their own team.
    pub fn may_vote(&self, team_id: Uuid) -> bool {
        self.role == Role::Lead && self.in_team(team_id)
    }

    /// Triage feedback: admins, and the leads and members of the team that triages it.
    pub fn may_triage_feedback(&self) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Lead | Role::Member => self.team_triages_feedback,
            Role::Viewer => false,
        }
    }

    /// Comment: anyone but viewers, where they may read; on feedback (its
    /// internal notes) those who triage it.
    pub fn may_comment(&self, on: Commentable) -> bool {
        match on {
            Commentable::Feedback(_) => self.may_triage_feedback(),
            Commentable::Item(_) | Commentable::Risk(_) | Commentable::Communication(_) => {
                self.role != Role::Viewer
            }
        }
    }

    /// Edit a comment: its author, while they may still comment there, for
    /// [`EDIT_WINDOW`](crate::domain::comment::EDIT_WINDOW) after writing it.
    pub fn may_edit_comment(&self, comment: CommentScope, now: DateTime<Utc>) -> bool {
        comment.author_id == Some(self.id)
            && self.may_comment(comment.on)
            && within_edit_window(comment.created_at, now)
    }

    /// Delete a comment: admins, and its author while they may still comment there.
    pub fn may_delete_comment(&self, comment: CommentScope) -> bool {
        self.role == Role::Admin
            || (comment.author_id == Some(self.id) && self.may_comment(comment.on))
    }

    /// Read a plan, and be shown it: admins every plan; others those they
    /// belong to.
    pub fn may_read_plan(&self, plan: &PlanSnapshot) -> bool {
        self.role == Role::Admin || plan.has_member(self.id)
    }

    /// Manage users and the plan's settings.
    pub fn may_administer(&self) -> bool {
        self.role == Role::Admin
    }

    /// Create and revoke wall screens and the calendar link, and read their
    /// links: admins, and the leads of the team with key [`SCREENS_TEAM`]
    /// (`screens_team`, its id, if the plan has one), who put them up.
    pub fn may_manage_screens(&self, screens_team: Option<Uuid>) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Lead => screens_team.is_some_and(|team| self.in_team(team)),
            Role::Member | Role::Viewer => false,
        }
    }
}

impl ApiCaller {
    /// Whether the token was given `scope`.
    pub fn may(&self, scope: Scope) -> bool {
        self.scopes.contains(&scope)
    }

    /// Tick items, and set their evidence link, through the API: a token
    /// given `items:write`; a service token on its team's items only, a
    /// personal one where its owner may tick.
    pub fn may_tick(&self, item: ItemScope) -> bool {
        self.may(Scope::ItemsWrite)
            && match &self.grant {
                Grant::Team(team) => item.team_id == *team,
                Grant::Person(owner) => owner.may_tick(item),
            }
    }
}

/// The key of the team whose leads manage wall screens beside admins.
pub const SCREENS_TEAM: &str = "marketing";

/// Turns a refused permission into a 403.
pub fn allow(permitted: bool) -> Result<(), AppError> {
    if permitted {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role, team: Option<Uuid>, triages: bool) -> User {
        User {
            id: Uuid::new_v4(),
            email: "u@example.org".into(),
            display_name: "U".into(),
            role,
            team_id: team,
            team_triages_feedback: triages,
            locale: None,
            sessions_valid_after: chrono::Utc::now(),
            unread_notifications: 0,
        }
    }

    #[test]
    fn the_permission_table_holds_cell_by_cell() {
        let (ours, theirs) = (Uuid::new_v4(), Uuid::new_v4());
        let viewer = user(Role::Viewer, Some(ours), true);
        let member = user(Role::Member, Some(ours), false);
        let support_member = user(Role::Member, Some(theirs), true);
        let lead = user(Role::Lead, Some(ours), false);
        let support_lead = user(Role::Lead, Some(theirs), true);
        let admin = user(Role::Admin, None, false);
        let team_item = ItemScope {
            team_id: ours,
            assignee_id: None,
        };
        let other_item = ItemScope {
            team_id: theirs,
            assignee_id: None,
        };
        let mine_elsewhere = ItemScope {
            team_id: theirs,
            assignee_id: Some(member.id),
        };

        // tick items
        assert!(!viewer.may_tick(team_item));
        assert!(
            member.may_tick(team_item)
                && member.may_tick(mine_elsewhere)
                && !member.may_tick(other_item)
        );
        assert!(lead.may_tick(team_item) && !lead.may_tick(other_item));
        assert!(admin.may_tick(other_item));
        // edit items, assign
        assert!(!viewer.may_edit_items(ours) && !member.may_edit_items(ours));
        assert!(lead.may_edit_items(ours) && !lead.may_edit_items(theirs));
        assert!(admin.may_edit_items(theirs));
        // vote Go / No-Go
        assert!(!viewer.may_vote(ours) && !member.may_vote(ours) && !admin.may_vote(ours));
        assert!(lead.may_vote(ours) && !lead.may_vote(theirs));
        // triage feedback
        assert!(
            !viewer.may_triage_feedback()
                && !member.may_triage_feedback()
                && !lead.may_triage_feedback()
        );
        assert!(
            support_member.may_triage_feedback()
                && support_lead.may_triage_feedback()
                && admin.may_triage_feedback()
        );
        // edit and review risks
        assert!(!viewer.may_edit_risks(ours) && !member.may_edit_risks(ours));
        assert!(lead.may_edit_risks(ours) && !lead.may_edit_risks(theirs));
        assert!(admin.may_edit_risks(theirs));
        // wall screens and the calendar link: admins and the leads of the screens team
        let screens_lead = user(Role::Lead, Some(theirs), false);
        let screens_member = user(Role::Member, Some(theirs), false);
        assert!(admin.may_manage_screens(Some(theirs)) && admin.may_manage_screens(None));
        assert!(screens_lead.may_manage_screens(Some(theirs)));
        assert!(!lead.may_manage_screens(Some(theirs)) && !screens_lead.may_manage_screens(None));
        assert!(!screens_member.may_manage_screens(Some(theirs)));
        assert!(!viewer.may_manage_screens(Some(ours)) && !member.may_manage_screens(Some(ours)));
        // comment: anyone but viewers; on feedback, those who triage it
        let (item, entry) = (Commentable::Item(ours), Commentable::Feedback(ours));
        assert!(!viewer.may_comment(item) && member.may_comment(item) && lead.may_comment(item));
        assert!(!member.may_comment(entry) && !lead.may_comment(entry));
        assert!(support_member.may_comment(entry) && admin.may_comment(entry));
        // the trash: leads and admins only
        assert!(lead.may_see_trash() && support_lead.may_see_trash() && admin.may_see_trash());
        assert!(
            !viewer.may_see_trash() && !member.may_see_trash() && !support_member.may_see_trash()
        );
        // users, plan settings
        assert!(admin.may_administer());
        assert!(
            ![&viewer, &member, &lead, &support_lead]
                .iter()
                .any(|u| u.may_administer())
        );
    }

    #[test]
    fn authors_edit_their_comments_for_15_minutes_and_admins_delete_any() {
        let team = Uuid::new_v4();
        let author = user(Role::Member, Some(team), false);
        let other = user(Role::Lead, Some(team), false);
        let admin = user(Role::Admin, None, false);
        let written = Utc::now();
        let comment = CommentScope {
            on: Commentable::Item(Uuid::new_v4()),
            author_id: Some(author.id),
            created_at: written,
        };
        let later = |minutes| written + chrono::TimeDelta::minutes(minutes);

        assert!(author.may_edit_comment(comment, later(15)));
        assert!(!author.may_edit_comment(comment, later(16)));
        assert!(!other.may_edit_comment(comment, later(0)));
        assert!(!admin.may_edit_comment(comment, later(0)));
        assert!(author.may_delete_comment(comment) && admin.may_delete_comment(comment));
        assert!(!other.may_delete_comment(comment));
        let demoted = User {
            role: Role::Viewer,
            ..author.clone()
        };
        assert!(
            !demoted.may_edit_comment(comment, later(0)) && !demoted.may_delete_comment(comment)
        );
    }

    #[test]
    fn a_service_token_ticks_its_teams_items_with_items_write_only() {
        let team = Uuid::new_v4();
        let caller = |scopes: Vec<Scope>| ApiCaller {
            token_id: Uuid::new_v4(),
            token_name: "CI".into(),
            grant: Grant::Team(team),
            scopes,
            actor: Uuid::new_v4(),
        };
        let item = |team_id| ItemScope {
            team_id,
            assignee_id: None,
        };
        let writer = caller(vec![Scope::ItemsWrite]);
        assert!(writer.may_tick(item(team)));
        assert!(
            !writer.may_tick(item(Uuid::new_v4())),
            "another team's item"
        );
        let reader = caller(vec![Scope::Read, Scope::FeedbackWrite]);
        assert!(!reader.may_tick(item(team)), "no items:write");
        assert!(reader.may(Scope::Read));
    }

    #[test]
    fn a_personal_token_ticks_what_its_owner_may_and_no_more() {
        let team = Uuid::new_v4();
        let personal = |role: Role, scopes: Vec<Scope>| ApiCaller {
            token_id: Uuid::new_v4(),
            token_name: "mine".into(),
            grant: Grant::Person(user(role, Some(team), false)),
            scopes,
            actor: Uuid::new_v4(),
        };
        let ours = ItemScope {
            team_id: team,
            assignee_id: None,
        };
        let theirs = ItemScope {
            team_id: Uuid::new_v4(),
            assignee_id: None,
        };
        let lead = personal(Role::Lead, vec![Scope::ItemsWrite]);
        assert!(lead.may_tick(ours));
        assert!(!lead.may_tick(theirs), "not where the owner may not");
        assert!(!personal(Role::Viewer, vec![Scope::ItemsWrite]).may_tick(ours));
        assert!(
            !personal(Role::Admin, vec![Scope::Read]).may_tick(ours),
            "fewer rights"
        );
        assert!(user(Role::Member, None, false).may_tick_some_item());
        let lead = user(Role::Lead, Some(team), false);
        assert!(lead.may_edit_phase(team));
        assert!(!lead.may_edit_phase(Uuid::new_v4()), "another team's phase");
        assert!(!user(Role::Member, Some(team), false).may_edit_phase(team));
        assert!(user(Role::Admin, None, false).may_edit_phase(team));
        assert!(!user(Role::Viewer, Some(team), false).may_tick_some_item());
    }
}
