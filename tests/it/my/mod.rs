//! `/my` (what needs me: my items, my team's, my communication actions, my
//! feedback, my vote) and, in `item_page`, the item page's state and moves.

mod item_page;

use launch_control::domain::role::Role;
use scraper::{Html, Selector};
use uuid::Uuid;

use crate::helpers::{TestApp, assert_redirects_to, texts};
use crate::queries;

/// The open items of the phases of the team with this key, straight from the database.
async fn open_items_of(app: &TestApp, team: &str) -> i64 {
    app.count(
        "checklist_items i join phases p on p.id = i.phase_id join teams t on t.id = p.team_id",
        &format!("t.key = '{team}' and i.state <> 'done' and i.deleted_at is null"),
    )
    .await
}

/// The items of a phase (by section), in its order.
async fn items_of(app: &TestApp, section: &str) -> Vec<Uuid> {
    sqlx::query_scalar(
        "select i.id from checklist_items i join phases p on p.id = i.phase_id
         where p.section = $1 order by i.position",
    )
    .bind(section)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

async fn first_item(app: &TestApp, section: &str) -> Uuid {
    items_of(app, section).await[0]
}

async fn assign(app: &TestApp, item: Uuid, user: Uuid) {
    sqlx::query("update checklist_items set assignee_id = $2 where id = $1")
        .bind(item)
        .bind(user)
        .execute(&app.db)
        .await
        .unwrap();
}

fn count(page: &Html, selector: &str) -> usize {
    page.select(&Selector::parse(selector).unwrap()).count()
}

#[tokio::test]
async fn on_day_one_a_leads_my_page_lists_their_teams_open_items() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;

    let page = lead.page("/my").await;

    let expected = open_items_of(&app, "devops").await;
    assert!(expected > 0, "the seed gives DevOps open items");
    let rows = texts(&page, "#my-team tbody tr");
    assert_eq!(rows.len() as i64, expected, "{rows:?}");
    assert!(
        rows.iter().all(|row| row.contains("À faire")),
        "nothing is started on day one: {rows:?}"
    );
    assert_eq!(
        texts(&page, "#my-items .muted")[0],
        "Aucun élément ne vous est attribué."
    );
    assert_eq!(
        count(&page, "#my-team a[href^='/items/']"),
        rows.len(),
        "each item links to its page, where it is acted on"
    );
}

#[tokio::test]
async fn a_member_sees_the_item_assigned_to_them_first_and_their_teams_untaken_items_after() {
    let app = TestApp::spawn().await;
    let member = app.visitor();
    let me = app.login_as_in(&member, Role::Member, Some("devops")).await;
    let colleague = app
        .create_user_in("bob@example.org", "Bob", Role::Member, Some("devops"))
        .await;
    let devops = items_of(&app, "2.1").await;
    let (mine, theirs) = (devops[0], devops[1]);
    assign(&app, mine, me).await;
    assign(&app, theirs, colleague).await;

    let page = member.page("/my").await;

    let first = page
        .select(&Selector::parse("#my-items tbody tr a").unwrap())
        .next()
        .unwrap();
    assert_eq!(first.value().attr("href"), Some(&*format!("/items/{mine}")));
    assert_eq!(texts(&page, "#my-items tr.item").len(), 1);
    let team = texts(&page, "#my-team tbody tr");
    assert_eq!(
        team.len() as i64,
        open_items_of(&app, "devops").await - 2,
        "a member's team list holds the items nobody has taken"
    );
    assert!(
        texts(&page, "#my-team-title")[0].contains("personne n'a pris"),
        "{:?}",
        texts(&page, "#my-team-title")
    );
}

#[tokio::test]
async fn feedback_assigned_to_a_support_member_shows_until_it_is_closed() {
    let app = TestApp::spawn().await;
    let support = app.visitor();
    let me = app
        .login_as_in(&support, Role::Member, Some("support"))
        .await;
    for (message, status) in [
        (
            "L'application plante au lancement de la chasse",
            "acknowledged",
        ),
        ("Merci pour la nouvelle carte", "closed"),
    ] {
        sqlx::query(
            "insert into feedback (plan_id, message, category, rating, status, assignee_id)
             select id, $1, 'bug', 2, $2, $3 from plans",
        )
        .bind(message)
        .bind(status)
        .bind(me)
        .execute(&app.db)
        .await
        .unwrap();
    }

    let page = support.page("/my").await;

    let rows = texts(&page, "#my-feedback tbody tr");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(
        rows[0].contains("L'application plante au lancement de la chasse")
            && rows[0].contains("Pris en compte"),
        "{}",
        rows[0]
    );
    assert_eq!(count(&page, "#my-feedback a[href^='/feedback/']"), 1);
    let outsider = app.visitor();
    app.login_as_in(&outsider, Role::Member, Some("qa")).await;
    assert!(texts(&outsider.page("/my").await, "#my-feedback").is_empty());
}

#[tokio::test]
async fn a_lead_sees_their_vote_awaited_once_the_poll_opens_and_no_longer_after_voting() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("qa")).await;
    assert!(texts(&lead.page("/my").await, "#my-vote").is_empty());

    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    assert_redirects_to(
        &admin.submit("/golive", "/golive/open", &[]).await,
        "/golive",
    );
    let awaited = lead.page("/my").await;
    assert_eq!(
        texts(&awaited, "#my-vote .notice"),
        ["Le vote Go / No-Go de votre équipe est attendu. Voter"]
    );
    assert_eq!(
        count(&awaited, "#my-vote a[href='/golive#golive-ballot']"),
        1
    );
    let member = app.visitor();
    app.login_as_in(&member, Role::Member, Some("qa")).await;
    assert!(texts(&member.page("/my").await, "#my-vote").is_empty());

    let voted = lead
        .submit(
            "/golive",
            "/golive",
            &[("vote", "go"), ("comment", ""), ("current", "")],
        )
        .await;
    assert_redirects_to(&voted, "/golive");
    assert!(texts(&lead.page("/my").await, "#my-vote").is_empty());
}

#[tokio::test]
async fn my_communication_actions_are_my_teams_open_ones_and_those_i_own() {
    let app = TestApp::spawn().await;
    let marketing = app.visitor();
    app.login_as_in(&marketing, Role::Lead, Some("marketing"))
        .await;
    let open_actions = app
        .count(
            "communication_actions c join teams t on t.id = c.team_id",
            "t.key = 'marketing' and c.state in ('planned', 'in_progress') and c.deleted_at is null",
        )
        .await;
    assert!(open_actions > 0);

    let rows = texts(&marketing.page("/my").await, "#my-actions tbody tr");
    assert_eq!(rows.len() as i64, open_actions, "{rows:?}");

    let qa = app.visitor();
    let owner = app.login_as_in(&qa, Role::Member, Some("qa")).await;
    let (action, title): (Uuid, String) = sqlx::query_as(
        "update communication_actions set owner_id = $1
         where id = (select id from communication_actions order by day, title limit 1)
         returning id, title",
    )
    .bind(owner)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let page = qa.page("/my").await;
    let owned = texts(&page, "#my-actions tbody tr");
    assert!(owned.iter().any(|row| row.contains(&title)), "{owned:?}");
    assert_eq!(
        count(
            &page,
            &format!("#my-actions a[href='/communications#action-{action}']")
        ),
        1
    );
    sqlx::query("update communication_actions set state = 'done' where id = $1")
        .bind(action)
        .execute(&app.db)
        .await
        .unwrap();
    let after = texts(&qa.page("/my").await, "#my-actions tbody tr");
    assert!(!after.iter().any(|row| row.contains(&title)), "{after:?}");
}

#[tokio::test]
async fn my_page_costs_the_same_queries_whatever_the_number_of_items() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    let me = app.login_as_in(&lead, Role::Lead, Some("support")).await;
    lead.page("/my").await;
    let before = queries::for_page(&app.db, &lead, "/my").await;
    sqlx::query(
        "insert into checklist_items (phase_id, title, due_day, position, assignee_id)
         select p.id, 'Élément ' || n, 40, 100 + n, case when n % 2 = 0 then $1::uuid end
         from generate_series(1, 200) n, phases p
         where p.team_id = (select id from teams where key = 'support')",
    )
    .bind(me)
    .execute(&app.db)
    .await
    .unwrap();
    sqlx::query(
        "insert into feedback (plan_id, message, category, rating, assignee_id)
         select p.id, 'Retour ' || n, 'idea', 4, $1 from generate_series(1, 50) n, plans p",
    )
    .bind(me)
    .execute(&app.db)
    .await
    .unwrap();

    let after = queries::for_page(&app.db, &lead, "/my").await;

    assert!(before > 0, "the counter sees the queries");
    assert_eq!(before, after);
    let page = lead.page("/my").await;
    assert!(texts(&page, "#my-items tr.item").len() >= 100);
    assert!(texts(&page, "#my-team tbody tr").len() >= 100);
    assert_eq!(texts(&page, "#my-feedback tbody tr").len(), 50);
}
