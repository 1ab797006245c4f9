use serde_json::json;
use uuid::Uuid;

use super::examples::example;
use super::*;
use crate::domain::item::ItemState;

#[test]
fn kind_strings_are_unique_and_fit_the_column_check() {
    let mut spellings: Vec<&str> = ChangeKind::ALL.iter().map(|kind| kind.as_str()).collect();
    spellings.sort_unstable();
    spellings.dedup();
    assert_eq!(
        spellings.len(),
        ChangeKind::ALL.len(),
        "a kind is spelled twice"
    );
    for kind in ChangeKind::ALL {
        let text = kind.as_str();
        // The migration's check: `^[a-z_]+\.[a-z_]+$`.
        let (subject, verb) = text.split_once('.').unwrap_or_default();
        for part in [subject, verb] {
            assert!(
                !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{text}"
            );
        }
        assert_eq!(ChangeKind::parse(text), Some(*kind));
    }
}

#[test]
fn every_kind_round_trips_through_its_row() {
    for kind in ChangeKind::ALL {
        let change = example(*kind);
        assert_eq!(change.kind(), *kind, "the example of {kind:?}");
        let columns = change.columns().unwrap();
        assert_eq!(columns.kind, kind.as_str());
        assert_eq!(columns.subject_type, kind.subject().as_str());
        let read = Change::from_columns(
            columns.kind,
            columns.subject_id,
            columns.before.clone(),
            columns.after.clone(),
        );
        assert_eq!(read.as_ref(), Ok(&change), "{}", kind.as_str());
        assert_eq!(read.unwrap().columns().unwrap(), columns);
    }
}

#[test]
fn a_feedback_note_written_before_comments_reads_as_a_comment_on_its_entry() {
    let (entry, note) = (Uuid::from_u128(1), Uuid::from_u128(2));
    let read = Change::from_columns(
        "feedback.note_added",
        Some(entry),
        None,
        Some(json!({ "note_id": note })),
    );
    let Ok(Change::Commented { on, after }) = read else {
        panic!("{read:?}");
    };
    assert_eq!(on, Commentable::Feedback(entry));
    assert_eq!(after.comment_id, note);
    assert!(after.body.is_empty() && after.mentions.is_empty());
}

#[test]
fn a_comment_is_recorded_under_what_it_is_on() {
    let id = Uuid::from_u128(3);
    for (on, subject) in [
        (Commentable::Item(id), Subject::Item),
        (Commentable::Risk(id), Subject::Risk),
        (Commentable::Communication(id), Subject::Communication),
        (Commentable::Feedback(id), Subject::Feedback),
    ] {
        for verb in [
            CommentVerb::Added,
            CommentVerb::Edited,
            CommentVerb::Deleted,
        ] {
            assert_eq!(on.kind(verb).subject(), subject, "{on:?} {verb:?}");
        }
    }
}

#[test]
fn rows_written_before_changes_were_typed_still_read() {
    let id = Uuid::nil();
    let tick = Change::from_columns(
        ChangeKind::ItemStateChanged.as_str(),
        Some(id),
        Some(json!({ "title": "Tester", "state": "todo", "reason": null })),
        Some(json!({ "title": "Tester", "state": "done", "reason": null })),
    );
    let Ok(Change::ItemStateChanged { after, .. }) = tick else {
        panic!("{tick:?}");
    };
    assert_eq!(after.state, ItemState::Done);
    let created_by_an_admin = Change::from_columns(
        ChangeKind::UserCreated.as_str(),
        Some(id),
        None,
        Some(json!({ "email": "a@example.org", "name": "A", "role": "lead", "team_id": null })),
    );
    assert!(created_by_an_admin.is_ok(), "{created_by_an_admin:?}");
    let vote = Change::from_columns(
        ChangeKind::VotedGo.as_str(),
        Some(id),
        Some(json!({ "title": "QA", "vote": "no_go" })),
        Some(json!({
            "title": "QA", "team_id": id, "vote_id": id, "vote": "go", "reason": "",
            "accepted_risk_id": null, "decide_again_on": null,
        })),
    );
    assert!(vote.is_ok(), "{vote:?}");
}

#[test]
fn an_unknown_kind_or_payload_is_an_error_not_a_panic() {
    let id = Some(Uuid::nil());
    let unknown = Change::from_columns("plan.benchmarked", id, None, None);
    assert_eq!(unknown.unwrap_err().why, "unknown kind");
    let wrong_state = Change::from_columns(
        ChangeKind::ItemStateChanged.as_str(),
        id,
        Some(json!({ "title": "T", "state": "todo" })),
        Some(json!({ "title": "T", "state": "finished" })),
    );
    assert!(wrong_state.unwrap_err().why.starts_with("after:"));
    assert!(
        Change::from_columns(
            ChangeKind::ItemCreated.as_str(),
            None,
            None,
            Some(json!({}))
        )
        .is_err()
    );
    assert!(Change::from_columns(ChangeKind::LoggedIn.as_str(), None, None, None).is_err());
}

#[test]
fn a_payload_that_contradicts_its_kind_is_unreadable() {
    let columns = example(ChangeKind::VotedNoGo).columns().unwrap();
    let read = Change::from_columns(
        ChangeKind::VotedGo.as_str(),
        columns.subject_id,
        columns.before,
        columns.after,
    );
    assert!(read.is_err(), "{read:?}");
}

#[test]
fn the_wall_screen_reads_what_the_countdown_shows_and_accounts_are_for_admins() {
    let readable = |reader| -> Vec<Subject> {
        Subject::ALL
            .into_iter()
            .filter(|subject| subject.audience().admits(reader))
            .collect()
    };
    use Subject::*;
    assert_eq!(
        readable(Reader::WallScreen),
        [Item, Communication, Poll, Plan]
    );
    assert_eq!(
        readable(Reader::Member),
        [Item, Communication, Risk, Feedback, Poll, Plan]
    );
    assert_eq!(readable(Reader::Admin), Subject::ALL);
    assert_eq!(
        Reader::signed_in(crate::domain::role::Role::Viewer),
        Reader::Member
    );
    for subject in Subject::ALL {
        assert_eq!(Subject::parse(subject.as_str()), Some(subject));
    }
    let audits: Vec<Subject> = Subject::ALL
        .into_iter()
        .filter(|subject| !subject.of_the_plan())
        .collect();
    assert_eq!(audits, [User, Webhook, Token], "kept off the overview");
}
