//! An action tied to a checklist item (the launch day's newsletter, press
//! release and event) is done with it and reopened with it, whichever of the
//! two is moved: no ticking twice. Each move is recorded as its own change,
//! in the transaction of the move that caused it.

use anyhow::anyhow;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::db::communications::{self, Communication};
use crate::db::events;
use crate::db::items::{self, Movable};
use crate::domain::change::{ActionStatus, Change};
use crate::domain::communication::{ActionState, twin_action_state, twin_item_state};
use crate::domain::item::{ItemState, StateChange};
use crate::error::Result;

/// Locks the checklist twin of `action`, if any, before the action changes.
/// A tick of the item locks the item, then the action: taking the locks in
/// the same order, the two moves never wait on each other.
pub(super) async fn lock_twin(conn: &mut PgConnection, action: &Communication) -> Result<()> {
    if let Some(item_id) = action.item_id {
        communications::lock_item(conn, item_id).await?;
    }
    Ok(())
}

/// Brings the checklist item tied to `action` along when the action moves
/// to `after`, as `actor`'s change. Its twin must be locked ([`lock_twin`]).
pub(super) async fn item_follows(
    conn: &mut PgConnection,
    action: &Communication,
    after: ActionState,
    actor: Uuid,
) -> Result<()> {
    let Some(item_id) = action.item_id else {
        return Ok(());
    };
    let Some(item) = items::find_movable(conn, item_id).await? else {
        return Ok(());
    };
    let Some(target) = twin_item_state(action.state, after, item.state) else {
        return Ok(());
    };
    let change = StateChange::parse(target.as_str(), "")
        .map_err(|_| anyhow!("a twin item moves only to done or to do"))?;
    let moved = item.moved_to(target, None);
    let recorded = items::change_state(conn, item.id, item.version, &change, None, actor, &moved)
        .await?
        .ok_or_else(|| anyhow!("item {} changed under its lock", item.id))?;
    events::announce_in(conn, recorded).await?;
    Ok(())
}

/// Brings the action tied to `item` along when the item moves to `after`
/// (a tick on its phase), as `actor`'s change. Called once the item's own
/// change is stored, in its transaction.
pub async fn action_follows(
    conn: &mut PgConnection,
    item: &Movable,
    after: ItemState,
    actor: Uuid,
) -> Result<()> {
    let Some(action) = communications::find_for_item(conn, item.id).await? else {
        return Ok(());
    };
    let Some(target) = twin_action_state(item.state, after, action.state) else {
        return Ok(());
    };
    if !communications::set_state(conn, action.id, action.version, target).await? {
        return Err(anyhow!("action {} changed under its lock", action.id).into());
    }
    let moved = Change::CommunicationStateChanged {
        action: action.id,
        before: ActionStatus {
            title: action.title.clone(),
            state: action.state,
        },
        after: ActionStatus {
            title: action.title,
            state: target,
        },
    };
    events::record(conn, Some(action.plan_id), Some(actor), &moved).await?;
    Ok(())
}
