//! E-mail (issue 18) through a real SMTP server started by each test
//! (`smtp`): a notification e-mailed once, in its reader's language, with a
//! one-click unsubscribe; a server down delays the e-mails and loses none;
//! a user's choice of the inbox alone stops them.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use chrono::NaiveTime;
use launch_control::domain::role::Role;
use launch_control::mail::{Backoff, MailSettings, Security};
use launch_control::public_url::PublicUrl;
use reqwest::StatusCode;
use uuid::Uuid;

use crate::accounts::set_password;
use crate::comments::{comment, first_item};
use crate::helpers::{TestApp, Visitor, assert_redirects_to, texts};
use crate::smtp::{MailServer, Received};

/// How long an e-mail may take to arrive here.
const WAIT: Duration = Duration::from_secs(15);
/// How long to go on listening once what was expected came, to see that
/// nothing comes twice.
const SETTLE: Duration = Duration::from_millis(1500);

/// Settings that send through `server`, retrying after a tenth of a second.
fn through(server: SocketAddr) -> MailSettings {
    MailSettings {
        host: server.ip().to_string(),
        port: server.port(),
        security: Security::None,
        credentials: None,
        from: "Launch Control <launch@example.org>".parse().unwrap(),
        public_url: PublicUrl::new("https://launch.example.org"),
        retry: Backoff {
            first: Duration::from_millis(100),
            max: Duration::from_millis(400),
        },
        // The digest would go at 08:00: the tests that want one ask for it.
        digest_at: NaiveTime::from_hms_opt(23, 59, 59).unwrap(),
    }
}

/// A DevOps lead, signed in, who writes `body` as a comment on the first
/// DevOps item.
async fn lead_comments(app: &TestApp, lead: &Visitor, body: &str) {
    let item = first_item(app).await;
    let page = format!("/items/{item}");
    assert_eq!(
        comment(lead, &page, "item", item, body).await.status(),
        StatusCode::SEE_OTHER
    );
}

async fn member(app: &TestApp, email: &str, name: &str, locale: Option<&str>) -> Uuid {
    let id = app
        .create_user_in(email, name, Role::Member, Some("devops"))
        .await;
    sqlx::query("update users set locale = $2 where id = $1")
        .bind(id)
        .bind(locale)
        .execute(&app.db)
        .await
        .unwrap();
    id
}

/// Alice signs in and sends the notifications form of `/account` with
/// `choices`; her browser.
async fn alice_chooses(app: &TestApp, choices: &[(&str, &str)]) -> Visitor {
    let alice = app.visitor();
    assert_redirects_to(
        &alice
            .login("alice.martin@example.org", crate::helpers::PASSWORD)
            .await,
        "/",
    );
    let chose = alice
        .submit("/account", "/account/notifications", choices)
        .await;
    assert_redirects_to(&chose, "/account#notifications");
    alice
}

fn to(received: &[Received], email: &str) -> Vec<Received> {
    received
        .iter()
        .filter(|message| message.to.iter().any(|to| to.contains(email)))
        .cloned()
        .collect()
}

#[tokio::test]
async fn a_mention_sends_one_email_to_each_mentioned_user_in_their_language() {
    let server = MailServer::start().await;
    let app = TestApp::spawn_with_mail(Some(through(server.address))).await;
    let alice = member(&app, "alice.martin@example.org", "Alice Martin", Some("en")).await;
    member(&app, "bruno.petit@example.org", "Bruno Petit", None).await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;

    lead_comments(&app, &lead, "@alice.martin @bruno.petit le contrat Azure ?").await;

    server.wait_for(2, WAIT).await;
    tokio::time::sleep(SETTLE).await;
    let received = server.received();
    assert_eq!(received.len(), 2, "one e-mail each, none twice");
    let english = to(&received, "alice.martin@example.org");
    let french = to(&received, "bruno.petit@example.org");
    assert_eq!((english.len(), french.len()), (1, 1));
    let subject = english[0].header("Subject").unwrap();
    assert!(
        subject.starts_with("[Launch Control] Mention — "),
        "{subject}"
    );
    assert!(subject.contains("commented on"), "{subject}");
    assert!(french[0].header("Subject").unwrap().contains("a commenté"));
    let text = english[0].body("text/plain");
    assert!(text.contains("See it on Launch Control"), "{text}");
    let item = first_item(&app).await;
    assert!(
        text.contains(&format!("https://launch.example.org/items/{item}")),
        "{text}"
    );
    assert!(
        english[0]
            .body("text/html")
            .contains("<a href=\"https://launch.example.org/items/")
    );
    let token: Uuid = sqlx::query_scalar("select unsubscribe_token from users where id = $1")
        .bind(alice)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(
        english[0].header("List-Unsubscribe").unwrap(),
        format!("<https://launch.example.org/unsubscribe/{token}/mention>")
    );
    assert_eq!(
        english[0].header("List-Unsubscribe-Post").unwrap(),
        "List-Unsubscribe=One-Click"
    );
    assert_eq!(
        app.count("deliveries", "sent_at is not null").await,
        2,
        "each marked sent"
    );
}

#[tokio::test]
async fn with_the_mail_server_down_the_emails_wait_and_all_arrive_once_it_is_back() {
    let server = MailServer::start().await;
    server.stop();
    let app = TestApp::spawn_with_mail(Some(through(server.address))).await;
    member(&app, "alice.martin@example.org", "Alice Martin", None).await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;

    for n in 1..=3 {
        lead_comments(&app, &lead, &format!("@alice.martin question {n}")).await;
    }
    let deadline = Instant::now() + WAIT;
    while app.count("deliveries", "attempts >= 2").await < 3 {
        assert!(
            Instant::now() < deadline,
            "the e-mails were tried and failed, twice each"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(server.received().is_empty());
    let server = server.restart().await;

    server.wait_for(3, WAIT).await;
    tokio::time::sleep(SETTLE).await;
    let received = server.received();
    assert_eq!(received.len(), 3, "all arrived, none twice");
    assert_eq!(
        to(&received, "alice.martin@example.org").len(),
        3,
        "all to the mentioned user"
    );
    assert_eq!(app.count("deliveries", "sent_at is null").await, 0);
}

#[tokio::test]
async fn a_user_who_keeps_mentions_to_the_inbox_gets_no_email_for_them() {
    let server = MailServer::start().await;
    let app = TestApp::spawn_with_mail(Some(through(server.address))).await;
    let alice = member(&app, "alice.martin@example.org", "Alice Martin", None).await;
    let alice_visitor = alice_chooses(
        &app,
        &[("notify_mention", "inbox"), ("notify_assigned", "email")],
    )
    .await;
    let account = alice_visitor.page("/account").await;
    assert_eq!(
        texts(&account, "#notify_mention option[selected]"),
        ["Boîte de notifications seulement"]
    );
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;

    lead_comments(&app, &lead, "@alice.martin pas d'e-mail pour ceci").await;

    app.fanned_out().await;
    assert_eq!(
        app.count("notifications", &format!("user_id = '{alice}'"))
            .await,
        1,
        "in the inbox"
    );
    tokio::time::sleep(SETTLE).await;
    assert!(server.received().is_empty(), "no e-mail");
    assert_eq!(app.count("deliveries", "true").await, 0);
    assert_eq!(
        app.count("activity_events", "kind = 'user.notifications_chosen'")
            .await,
        1
    );
}

#[tokio::test]
async fn the_unsubscribe_link_works_without_a_session_for_its_user_and_kind_only() {
    let app = TestApp::spawn().await;
    let alice = member(&app, "alice.martin@example.org", "Alice Martin", None).await;
    let bruno = member(&app, "bruno.petit@example.org", "Bruno Petit", None).await;
    let token: Uuid = sqlx::query_scalar("select unsubscribe_token from users where id = $1")
        .bind(alice)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let link = format!("/unsubscribe/{token}/mention");
    let stranger = app.visitor();

    let page = stranger.page(&link).await;
    assert_eq!(
        texts(&page, "main form button"),
        ["Ne plus recevoir ces e-mails"]
    );
    // A mail client's one-click post: no cookie, no CSRF token.
    let clicked = reqwest::Client::new()
        .post(format!("http://{}{link}", stranger.address))
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert!(clicked.status().is_success(), "{}", clicked.status());

    let chosen: Vec<(Uuid, String, String)> =
        sqlx::query_as("select user_id, kind, delivery from notification_choices")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(chosen, [(alice, "mention".to_owned(), "inbox".to_owned())]);
    assert_eq!(
        texts(&stranger.page(&link).await, "main [role=status]").len(),
        1,
        "the page says it is done"
    );
    for wrong in [
        format!("/unsubscribe/{}/mention", Uuid::new_v4()),
        format!("/unsubscribe/{token}/everything"),
        "/unsubscribe/not-a-token/mention".to_owned(),
    ] {
        let refused = reqwest::Client::new()
            .post(format!("http://{}{wrong}", stranger.address))
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), StatusCode::NOT_FOUND, "{wrong}");
    }
    assert_eq!(
        app.count("notification_choices", &format!("user_id = '{bruno}'"))
            .await,
        0
    );
    assert_eq!(
        app.count("activity_events", "kind = 'user.notifications_chosen'")
            .await,
        1
    );
}

#[tokio::test]
async fn the_users_page_says_whether_the_server_sends_email() {
    let server = MailServer::start().await;
    for (mail, says) in [
        (Some(through(server.address)), "E-mail activé"),
        (None, "E-mail désactivé (pas de SMTP_HOST)"),
    ] {
        let app = TestApp::spawn_with_mail(mail).await;
        app.login_as(Role::Admin).await;
        let state = texts(&app.page("/admin/users").await, "#mail-state");
        assert!(state[0].starts_with(says), "{state:?}");
    }
}

/// The `/reset?token=...` path of the link in `message`'s text.
fn reset_path(message: &Received) -> String {
    let text = message.body("text/plain");
    let start = text.find("/reset?token=").expect("a reset link");
    text[start..].split_whitespace().next().unwrap().to_owned()
}

#[tokio::test]
async fn welcome_and_reset_links_arrive_by_email_and_work() {
    const NEW_PASSWORD: &str = "une phrase de passe toute neuve";
    let server = MailServer::start().await;
    let app = TestApp::spawn_with_mail(Some(through(server.address))).await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    let created = admin
        .submit(
            "/admin/users",
            "/admin/users",
            &[
                ("email", "quinn@example.org"),
                ("name", "Quinn"),
                ("role", "member"),
                ("team", ""),
            ],
        )
        .await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    let account = created.headers()["location"].to_str().unwrap().to_owned();
    let flash = texts(&admin.page(&account).await, ".flash");
    assert_eq!(
        flash,
        [
            "Compte créé. Le lien pour choisir son mot de passe a été envoyé par e-mail à quinn@example.org."
        ]
    );
    let welcome = server.wait_for(1, WAIT).await;
    assert_eq!(welcome.len(), 1);
    assert!(
        welcome[0]
            .header("Subject")
            .unwrap()
            .contains("Bienvenue sur Launch Control")
    );
    let reset = admin
        .submit(&account, &format!("{account}/reset"), &[])
        .await;
    assert_eq!(reset.status(), StatusCode::SEE_OTHER);
    let both = server.wait_for(2, WAIT).await;
    assert_eq!(both.len(), 2);
    assert!(
        both[1]
            .header("Subject")
            .unwrap()
            .contains("Votre lien pour changer de mot de passe")
    );
    let owner = app.visitor();
    assert_eq!(
        owner.get(&reset_path(&both[0])).await.status(),
        StatusCode::NOT_FOUND,
        "the reset ended the welcome link"
    );
    let link = reset_path(&both[1]);

    let set = set_password(&owner, &link, NEW_PASSWORD).await;

    assert_redirects_to(&set, "/login");
    assert_redirects_to(&owner.login("quinn@example.org", NEW_PASSWORD).await, "/");
    tokio::time::sleep(SETTLE).await;
    assert_eq!(server.received().len(), 2, "each link sent once");
}

#[tokio::test]
async fn the_digest_lists_my_late_due_and_blocked_items_and_stops_the_immediate_email() {
    let server = MailServer::start().await;
    let mut settings = through(server.address);
    settings.digest_at = NaiveTime::MIN;
    let app = TestApp::spawn_with_mail(Some(settings)).await;
    app.today_is(12).await;
    let alice = member(&app, "alice.martin@example.org", "Alice Martin", None).await;
    let items: Vec<(Uuid, String)> = sqlx::query_as(
        "select i.id, i.title from checklist_items i join phases p on p.id = i.phase_id
         where p.section = '2.1' order by i.position limit 4",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    for ((id, _), (due_day, assignee, state)) in items.iter().zip([
        (10, Some(alice), "todo"),
        (12, Some(alice), "in_progress"),
        (20, Some(alice), "todo"),
        (30, None, "blocked"),
    ]) {
        sqlx::query(
            "update checklist_items set due_day = $2, assignee_id = $3, state = $4::text,
                    blocked_reason = case when $4::text = 'blocked' then 'Attente' end
             where id = $1",
        )
        .bind(id)
        .bind(due_day)
        .bind(assignee)
        .bind(state)
        .execute(&app.db)
        .await
        .unwrap();
    }
    alice_chooses(&app, &[("notify_mention", "digest")]).await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    lead_comments(&app, &lead, "@alice.martin pour le résumé").await;

    let received = server.wait_for(1, WAIT).await;
    tokio::time::sleep(SETTLE).await;
    app.fanned_out().await;

    assert_eq!(
        server.received().len(),
        1,
        "the digest only: no e-mail for the mention"
    );
    assert!(
        received[0]
            .header("Subject")
            .unwrap()
            .starts_with("[Launch Control] Votre résumé du J+12"),
        "{:?}",
        received[0].header("Subject")
    );
    let text = received[0].body("text/plain");
    let section = |heading: &str| -> String {
        let start = text
            .find(heading)
            .unwrap_or_else(|| panic!("{heading} in {text}"));
        text[start..].split("\n\n").next().unwrap().to_owned()
    };
    assert!(
        section("Mes tâches · En retard").contains(&items[0].1),
        "{text}"
    );
    assert!(
        section("Mes tâches · À faire aujourd'hui").contains(&items[1].1),
        "{text}"
    );
    assert!(
        section("Mon équipe · Bloquées").contains(&items[3].1),
        "{text}"
    );
    assert!(
        !text.contains(&items[2].1),
        "due later: not in today's digest"
    );
    assert_eq!(
        app.count(
            "notifications",
            &format!("user_id = '{alice}' and kind = 'mention'")
        )
        .await,
        1,
        "the mention is in the inbox"
    );
    assert_eq!(
        app.count("deliveries", "digest_day is not null").await,
        1,
        "one digest a day"
    );
}
