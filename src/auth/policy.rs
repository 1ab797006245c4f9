//! PRODUCT.md's permission table, in one place. Handlers ask these questions
//! and pages use the same answers to hide controls a user may not use.

use uuid::Uuid;

use crate::db::users::User;
use crate::domain::role::Role;
use crate::error::AppError;

/// What a checklist item's permissions depend on.
#[derive(Clone, Copy, Debug)]
pub struct ItemScope {
    pub team_id: Uuid,
    pub assignee_id: Option<Uuid>,
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

    /// Edit and assign items: admins all; leads their team's.
    pub fn may_edit_items(&self, team_id: Uuid) -> bool {
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
        // users, plan settings
        assert!(admin.may_administer());
        assert!(
            ![&viewer, &member, &lead, &support_lead]
                .iter()
                .any(|u| u.may_administer())
        );
    }
}
