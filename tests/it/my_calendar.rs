//! Each person's own calendar feed (issue 19): made on `/account`, it holds
//! the due days of their items and their team's, with UIDs that stay put,
//! and nobody else's; a new link stops the old one.

use std::collections::BTreeSet;

use icalendar::Component;
use launch_control::domain::role::Role;
use reqwest::StatusCode;
use uuid::Uuid;

use crate::helpers::{TestApp, Visitor, assert_redirects_to};

/// The items of `team`, by id.
async fn items_of(app: &TestApp, team: &str) -> BTreeSet<Uuid> {
    sqlx::query_scalar(
        "select i.id from checklist_items i join phases p on p.id = i.phase_id
         join teams t on t.id = p.team_id where t.key = $1",
    )
    .bind(team)
    .fetch_all(&app.db)
    .await
    .unwrap()
    .into_iter()
    .collect()
}

/// Makes `visitor`'s calendar link on `/account`; its path and query.
async fn make_link(visitor: &Visitor) -> String {
    let made = visitor.submit("/account", "/account/calendar", &[]).await;
    assert_redirects_to(&made, "/account#calendar");
    let page = visitor.page("/account").await;
    let field = scraper::Selector::parse("#link-my-calendar").unwrap();
    let address = page
        .select(&field)
        .next()
        .expect("the link is shown")
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    let path = address.split_once("/my.ics").unwrap().1;
    format!("/my.ics{path}")
}

/// The UIDs of the feed's item events, read by an iCalendar parser.
async fn item_uids(app: &TestApp, link: &str) -> Vec<String> {
    let feed = app.visitor().get(link).await;
    assert_eq!(feed.status(), StatusCode::OK);
    let body = feed.text().await.unwrap();
    let calendar: icalendar::Calendar = body.parse().expect("a valid iCalendar");
    calendar
        .events()
        .filter_map(|event| event.get_uid())
        .filter(|uid| uid.starts_with("item-"))
        .map(str::to_owned)
        .collect()
}

fn uid(item: Uuid) -> String {
    format!("item-{item}@launch-control")
}

#[tokio::test]
async fn a_persons_feed_holds_their_items_and_their_teams_with_stable_uids_and_no_one_elses() {
    let app = TestApp::spawn().await;
    let alice = app.visitor();
    let alice_id = app.login_as_in(&alice, Role::Member, Some("devops")).await;
    let bob = app.visitor();
    app.login_as_in(&bob, Role::Member, Some("support")).await;
    let qa = items_of(&app, "qa").await;
    let assigned = *qa.first().unwrap();
    sqlx::query("update checklist_items set assignee_id = $1 where id = $2")
        .bind(alice_id)
        .bind(assigned)
        .execute(&app.db)
        .await
        .unwrap();

    let link = make_link(&alice).await;
    let first = item_uids(&app, &link).await;
    let second = item_uids(&app, &link).await;
    assert_eq!(first, second, "the same UIDs on every fetch");
    let uids: BTreeSet<String> = first.into_iter().collect();
    assert!(uids.contains(&uid(assigned)), "her QA item");
    let devops = items_of(&app, "devops").await;
    assert!(
        devops.iter().all(|item| uids.contains(&uid(*item))),
        "her team's"
    );
    assert_eq!(uids.len(), devops.len() + 1, "nothing else");
    for item in items_of(&app, "support").await {
        assert!(
            !uids.contains(&uid(item)),
            "Bob's team's items are not hers"
        );
    }
    for item in qa.iter().filter(|item| **item != assigned) {
        assert!(!uids.contains(&uid(*item)));
    }

    let bobs = make_link(&bob).await;
    assert_ne!(bobs, link, "each person has a link of their own");
    let renewed = make_link(&alice).await;
    assert_ne!(renewed, link);
    assert_eq!(
        app.visitor().get(&link).await.status(),
        StatusCode::NOT_FOUND,
        "the old link stops"
    );
    let stopped = alice
        .submit("/account", "/account/calendar/revoke", &[])
        .await;
    assert_redirects_to(&stopped, "/account#calendar");
    assert_eq!(
        app.visitor().get(&renewed).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.count(
            "activity_events",
            &format!("subject_id = '{alice_id}' and kind like 'user.calendar_link_%'")
        )
        .await,
        3
    );
}
