//! Comments on items, risks, communication actions and feedback: who may
//! write, edit and delete them, how their text is shown, the mentions that
//! reach `/my`, and the event each change writes.

use launch_control::domain::role::Role;
use reqwest::{Response, StatusCode};
use scraper::{Html, Selector};
use uuid::Uuid;

use crate::feedback::seed;
use crate::helpers::{TestApp, Visitor, assert_redirects_to, texts};

/// The first item of phase 2.1, "Sélection de l'Hébergeur : Utilisation de Microsoft Azure…".
pub(crate) async fn first_item(app: &TestApp) -> Uuid {
    sqlx::query_scalar(
        "select i.id from checklist_items i join phases p on p.id = i.phase_id
         where p.section = '2.1' order by i.position limit 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap()
}

async fn only_comment(app: &TestApp) -> Uuid {
    sqlx::query_scalar("select id from comments")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// Posts `body` as a comment on the subject `kind`/`id`, from `page` (its CSRF token).
pub(crate) async fn comment(
    visitor: &Visitor,
    page: &str,
    kind: &str,
    id: Uuid,
    body: &str,
) -> Response {
    let id = id.to_string();
    visitor
        .submit(
            page,
            "/comments",
            &[("subject_kind", kind), ("subject_id", &id), ("body", body)],
        )
        .await
}

async fn html(response: Response) -> Html {
    Html::parse_document(&response.text().await.unwrap())
}

fn attributes(page: &Html, selector: &str, name: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    page.select(&selector)
        .filter_map(|element| element.value().attr(name).map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn a_member_comments_on_an_item_with_a_link_and_it_is_an_event() {
    let app = TestApp::spawn().await;
    let me = app.login_as_in(&app, Role::Member, Some("devops")).await;
    let item = first_item(&app).await;
    let page = format!("/items/{item}");

    let posted = comment(
        &app,
        &page,
        "item",
        item,
        "  Contrat signé, voir https://example.org/azure/42.  ",
    )
    .await;

    assert_redirects_to(&posted, &format!("{page}#comments"));
    let shown = app.page(&page).await;
    assert_eq!(texts(&shown, ".flash"), ["Commentaire ajouté."]);
    // `texts` joins the text nodes (before, in and after the link) by a space.
    assert_eq!(
        texts(&shown, "#comments .note-body"),
        ["Contrat signé, voir https://example.org/azure/42 ."]
    );
    assert_eq!(
        attributes(&shown, "#comments .note-body a", "href"),
        ["https://example.org/azure/42"]
    );
    assert_eq!(
        attributes(&shown, "#comments .note-body a", "rel"),
        ["noopener noreferrer nofollow"]
    );
    assert_eq!(
        texts(&shown, "#comments .comment-author"),
        ["Test member devops"]
    );
    let event = format!(
        "kind = 'item.commented' and subject_id = '{item}' and actor_id = '{me}'
         and after->>'body' = 'Contrat signé, voir https://example.org/azure/42.'
         and after->>'title' like '%Utilisation de Microsoft Azure%'"
    );
    assert_eq!(app.count("activity_events", &event).await, 1);
    assert!(
        texts(&shown, "#item-history li")
            .iter()
            .any(|line| line.contains("a commenté")),
        "the item's history says it"
    );
}

#[tokio::test]
async fn a_viewer_reads_the_thread_but_cannot_comment() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Viewer).await;
    let item = first_item(&app).await;
    let page = format!("/items/{item}");

    let shown = app.page(&page).await;
    let posted = comment(&app, &page, "item", item, "Je passais par là").await;

    assert_eq!(texts(&shown, "#comments h2"), ["Commentaires"]);
    assert!(texts(&shown, "form[action='/comments']").is_empty());
    assert_eq!(posted.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("comments", "true").await, 0);
}

#[tokio::test]
async fn markup_in_a_comment_is_shown_as_text() {
    let app = TestApp::spawn().await;
    app.login_as_in(&app, Role::Lead, Some("devops")).await;
    let item = first_item(&app).await;
    let page = format!("/items/{item}");

    comment(
        &app,
        &page,
        "item",
        item,
        "<script>alert(1)</script> <b>gras</b>",
    )
    .await;

    let raw = app.get(&page).await.text().await.unwrap();
    assert!(!raw.contains("<script>alert(1)"), "the markup is escaped");
    let shown = Html::parse_document(&raw);
    assert_eq!(
        texts(&shown, "#comments .note-body"),
        ["<script>alert(1)</script> <b>gras</b>"]
    );
    assert!(texts(&shown, "#comments .note-body b").is_empty());
}

#[tokio::test]
async fn refused_text_draws_the_page_again_with_the_text_and_the_error_422() {
    let app = TestApp::spawn().await;
    app.login_as_in(&app, Role::Member, Some("devops")).await;
    let item = first_item(&app).await;
    let page = format!("/items/{item}");
    let long = "é".repeat(4001);

    let blank = comment(&app, &page, "item", item, " \n ").await;
    let too_long = comment(&app, &page, "item", item, &long).await;

    assert_eq!(blank.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        texts(&html(blank).await, "#comment-body-error"),
        ["Ce champ est obligatoire."]
    );
    assert_eq!(too_long.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let shown = html(too_long).await;
    assert_eq!(texts(&shown, "textarea#comment-body"), [long]);
    assert_eq!(
        attributes(&shown, "textarea#comment-body", "aria-invalid"),
        ["true"]
    );
    assert_eq!(texts(&shown, "h1").len(), 1, "the item's own page");
    assert_eq!(app.count("comments", "true").await, 0);
}

#[tokio::test]
async fn the_author_edits_a_comment_and_a_stale_version_is_a_409() {
    let app = TestApp::spawn().await;
    let me = app.login_as_in(&app, Role::Member, Some("devops")).await;
    let item = first_item(&app).await;
    comment(&app, &format!("/items/{item}"), "item", item, "Premier jet").await;
    let id = only_comment(&app).await;
    let edit = format!("/comments/{id}/edit");

    let form = app.page(&edit).await;
    let edited = app
        .submit(
            &edit,
            &format!("/comments/{id}"),
            &[("version", "1"), ("body", "Version relue")],
        )
        .await;
    let stale = app
        .submit(
            &edit,
            &format!("/comments/{id}"),
            &[("version", "1"), ("body", "Autre version")],
        )
        .await;

    assert_eq!(texts(&form, "textarea#comment-body"), ["Premier jet"]);
    assert_redirects_to(&edited, &format!("/items/{item}#comment-{id}"));
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    let conflict = html(stale).await;
    assert_eq!(texts(&conflict, "textarea#comment-body"), ["Version relue"]);
    assert!(
        texts(&conflict, ".alert")
            .join(" ")
            .contains("Autre version")
    );
    assert_eq!(
        app.count(
            "comments",
            "body = 'Version relue' and version = 2 and edited_at is not null"
        )
        .await,
        1
    );
    let event = format!(
        "kind = 'item.comment_edited' and actor_id = '{me}'
         and before->>'body' = 'Premier jet' and after->>'body' = 'Version relue'"
    );
    assert_eq!(app.count("activity_events", &event).await, 1);
    let shown = app.page(&format!("/items/{item}")).await;
    assert!(texts(&shown, "#comments .comment-edited")[0].starts_with("modifié J+"));
}

#[tokio::test]
async fn a_comment_cannot_be_edited_after_15_minutes() {
    let app = TestApp::spawn().await;
    app.login_as_in(&app, Role::Member, Some("devops")).await;
    let item = first_item(&app).await;
    let page = format!("/items/{item}");
    comment(&app, &page, "item", item, "Premier jet").await;
    let id = only_comment(&app).await;
    sqlx::query("update comments set created_at = now() - interval '16 minutes'")
        .execute(&app.db)
        .await
        .unwrap();

    let shown = app.page(&page).await;
    let form = app.get(&format!("/comments/{id}/edit")).await;
    let edited = app
        .submit(
            &page,
            &format!("/comments/{id}"),
            &[("version", "1"), ("body", "Trop tard")],
        )
        .await;

    assert!(texts(&shown, "#comments .comment-actions a").is_empty());
    assert_eq!(
        texts(&shown, "#comments .comment-actions button"),
        ["Supprimer"],
        "the author may still delete it"
    );
    assert_eq!(form.status(), StatusCode::FORBIDDEN);
    assert_eq!(edited.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("comments", "body = 'Premier jet'").await, 1);
}

#[tokio::test]
async fn another_user_can_neither_edit_nor_delete_a_comment_but_an_admin_deletes_it() {
    let app = TestApp::spawn().await;
    app.login_as_in(&app, Role::Member, Some("devops")).await;
    let item = first_item(&app).await;
    let page = format!("/items/{item}");
    comment(&app, &page, "item", item, "Mon avis").await;
    let id = only_comment(&app).await;
    let colleague = app.visitor();
    app.login_as_in(&colleague, Role::Lead, Some("devops"))
        .await;
    let admin = app.visitor();
    let admin_id = app.login_as_in(&admin, Role::Admin, None).await;

    let seen = colleague.page(&page).await;
    let edit = colleague
        .submit(
            &page,
            &format!("/comments/{id}"),
            &[("version", "1"), ("body", "Son avis")],
        )
        .await;
    let delete = colleague
        .submit(&page, &format!("/comments/{id}/delete"), &[])
        .await;
    let deleted = admin
        .submit(&page, &format!("/comments/{id}/delete"), &[])
        .await;

    assert!(texts(&seen, "#comments .comment-actions").is_empty());
    assert_eq!(edit.status(), StatusCode::FORBIDDEN);
    assert_eq!(delete.status(), StatusCode::FORBIDDEN);
    assert_redirects_to(&deleted, &format!("{page}#comments"));
    assert_eq!(app.count("comments", "true").await, 0);
    let event = format!(
        "kind = 'item.comment_deleted' and actor_id = '{admin_id}' and before->>'body' = 'Mon avis'"
    );
    assert_eq!(app.count("activity_events", &event).await, 1);
    assert_eq!(
        texts(&admin.page(&page).await, ".flash"),
        ["Commentaire supprimé."]
    );
}

#[tokio::test]
async fn a_mentioned_user_of_the_plan_sees_the_mention_on_their_my() {
    let app = TestApp::spawn().await;
    let alice = app
        .create_user_in(
            "Alice.Martin@example.org",
            "Alice Martin",
            Role::Member,
            Some("devops"),
        )
        .await;
    app.login_as_in(&app, Role::Lead, Some("devops")).await;
    let item = first_item(&app).await;
    let page = format!("/items/{item}");

    comment(
        &app,
        &page,
        "item",
        item,
        "@alice.martin, qui a le contrat Azure ?",
    )
    .await;

    let id = only_comment(&app).await;
    let mention = format!("comment_id = '{id}' and user_id = '{alice}'");
    assert_eq!(app.count("comment_mentions", &mention).await, 1);
    let event = format!("kind = 'item.commented' and after->'mentions' ? '{alice}'");
    assert_eq!(app.count("activity_events", &event).await, 1);
    let shown = app.page(&page).await;
    assert_eq!(texts(&shown, "#comments .mention"), ["@alice.martin"]);
    assert_eq!(
        attributes(&shown, "#comments .mention", "title"),
        ["Alice Martin"]
    );
    assert_eq!(
        attributes(
            &shown,
            "datalist#comment-people option[value='@alice.martin']",
            "value"
        ),
        ["@alice.martin"],
        "the completion offers her"
    );
    let her = app.visitor();
    her.login("alice.martin@example.org", crate::helpers::PASSWORD)
        .await;
    let my = her.page("/my").await;
    let lines = texts(&my, "#my-items #my-mentions li");
    assert_eq!(lines.len(), 1);
    assert!(
        lines[0].starts_with(
            "Test lead devops sur Sélection de l'Hébergeur : Utilisation de Microsoft Azure"
        ) && lines[0].ends_with("@alice.martin, qui a le contrat Azure ?"),
        "{}",
        lines[0]
    );
    assert_eq!(
        attributes(&my, "#my-mentions a", "href"),
        [format!("/items/{item}#comment-{id}")]
    );
}

#[tokio::test]
async fn a_mention_of_a_user_outside_the_plan_stays_text_and_reaches_no_one() {
    let app = TestApp::spawn().await;
    sqlx::query(
        "with other as (
             insert into plans (name, kickoff_date) values ('Autre lancement', current_date)
             returning id)
         insert into teams (plan_id, key, name, colour)
         select id, 'autres', 'Autres', '#123456' from other",
    )
    .execute(&app.db)
    .await
    .unwrap();
    app.create_user_in("bob@example.org", "Bob", Role::Lead, Some("autres"))
        .await;
    app.login_as_in(&app, Role::Member, Some("devops")).await;
    let item = first_item(&app).await;
    let page = format!("/items/{item}");

    comment(&app, &page, "item", item, "Demandons à @bob.").await;

    assert_eq!(app.count("comment_mentions", "true").await, 0);
    let shown = app.page(&page).await;
    assert!(texts(&shown, "#comments .mention").is_empty());
    assert_eq!(texts(&shown, "#comments .note-body"), ["Demandons à @bob."]);
    assert!(
        attributes(&shown, "datalist#comment-people option", "value")
            .iter()
            .all(|handle| handle != "@bob")
    );
    let bob = app.visitor();
    bob.login("bob@example.org", crate::helpers::PASSWORD).await;
    assert!(texts(&bob.page("/my").await, "#my-mentions").is_empty());
}

#[tokio::test]
async fn risks_and_communication_actions_have_their_threads_too() {
    let app = TestApp::spawn().await;
    app.login_as_in(&app, Role::Member, Some("marketing")).await;
    let risk: Uuid = sqlx::query_scalar("select id from risks order by title limit 1")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let action: Uuid =
        sqlx::query_scalar("select id from communication_actions where channel = 'newsletter'")
            .fetch_one(&app.db)
            .await
            .unwrap();

    for (kind, id, page, event) in [
        ("risk", risk, format!("/risks/{risk}"), "risk.commented"),
        (
            "communication",
            action,
            format!("/communications/{action}"),
            "communication.commented",
        ),
    ] {
        let posted = comment(&app, &page, kind, id, "Vu en réunion").await;
        assert_redirects_to(&posted, &format!("{page}#comments"));
        assert_eq!(
            texts(&app.page(&page).await, "#comments .note-body"),
            ["Vu en réunion"],
            "{kind}"
        );
        let condition = format!("kind = '{event}' and subject_id = '{id}'");
        assert_eq!(app.count("activity_events", &condition).await, 1);
        let refused = comment(&app, &page, kind, id, "").await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{kind}");
    }
}

#[tokio::test]
async fn notes_on_feedback_are_its_comments_for_those_who_triage_it() {
    let app = TestApp::spawn().await;
    let entry = seed(&app.db, "Impossible de payer").await;
    let page = format!("/feedback/{entry}");
    let outsider = app.visitor();
    app.login_as_in(&outsider, Role::Member, Some("devops"))
        .await;
    let support = app.login_as_in(&app, Role::Member, Some("support")).await;

    let refused = comment(&outsider, &page, "feedback", entry, "Vu").await;
    let noted = comment(&app, &page, "feedback", entry, "Client rappelé").await;

    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_redirects_to(&noted, &format!("{page}#comments"));
    let shown = app.page(&page).await;
    assert_eq!(texts(&shown, ".flash"), ["Note ajoutée."]);
    assert_eq!(texts(&shown, "#comments h2"), ["Notes internes"]);
    assert_eq!(texts(&shown, "#comments .note-body"), ["Client rappelé"]);
    let event = format!(
        "kind = 'feedback.note_added' and subject_id = '{entry}' and actor_id = '{support}'
         and after->>'body' = '' and after->>'title' = ''"
    );
    assert_eq!(
        app.count("activity_events", &event).await,
        1,
        "the note's text stays in its row"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typing_at_and_a_name_offers_the_plans_people_to_mention() {
    use fantoccini::Locator;
    use fantoccini::key::Key;

    let Some(driver) = crate::browser::start_driver() else {
        return;
    };
    let app = TestApp::spawn().await;
    app.create_user_in(
        "alice.martin@example.org",
        "Alice Martin",
        Role::Member,
        Some("devops"),
    )
    .await;
    app.create_user_in("dana@example.org", "Dana", Role::Lead, Some("devops"))
        .await;
    let item = first_item(&app).await;
    let path = format!("/items/{item}");
    let start = app.url(&path);

    crate::browser::in_browser(&driver, |browser| async move {
        browser.goto(&start).await?;
        crate::browser::sign_in(&browser, "dana@example.org", &path).await?;
        let field = browser
            .wait()
            .for_element(Locator::Css("textarea#comment-body"))
            .await?;
        field.send_keys("Voir avec @mart").await?;
        let offered = browser
            .wait()
            .for_element(Locator::Css("ul.mention-list li[role=option]"))
            .await?;
        assert_eq!(offered.text().await?, "Alice Martin · @alice.martin");
        field
            .send_keys(&String::from(char::from(Key::Down)))
            .await?;
        field
            .send_keys(&String::from(char::from(Key::Enter)))
            .await?;
        assert_eq!(
            field.prop("value").await?.as_deref(),
            Some("Voir avec @alice.martin ")
        );
        assert!(
            browser
                .find_all(Locator::Css("ul.mention-list"))
                .await?
                .is_empty(),
            "the list closes once a name is picked"
        );
        browser
            .find(Locator::Css("form.comment-form button[type=submit]"))
            .await?
            .click()
            .await?;
        let mention = browser
            .wait()
            .for_element(Locator::Css("#comments .note-body .mention"))
            .await?;
        assert_eq!(mention.text().await?, "@alice.martin");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mention_appears_on_the_open_my_page_without_a_reload() {
    use fantoccini::Locator;

    let Some(driver) = crate::browser::start_driver() else {
        return;
    };
    let app = TestApp::spawn().await;
    app.create_user_in(
        "alice.martin@example.org",
        "Alice Martin",
        Role::Member,
        Some("devops"),
    )
    .await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let item = first_item(&app).await;
    let start = app.url("/my");

    crate::browser::in_browser(&driver, |browser| async move {
        browser.goto(&start).await?;
        crate::browser::sign_in(&browser, "alice.martin@example.org", "/my").await?;
        browser
            .wait()
            .for_element(Locator::Css("body[data-live-state=open]"))
            .await?;
        assert!(
            browser
                .find_all(Locator::Css("#my-mentions"))
                .await?
                .is_empty()
        );

        let page = format!("/items/{item}");
        comment(&lead, &page, "item", item, "@alice.martin, on en parle ?").await;

        let line = browser
            .wait()
            .for_element(Locator::Css("#my-mentions li"))
            .await?;
        assert!(
            line.text().await?.contains("@alice.martin, on en parle ?"),
            "the mention is drawn in place"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_communication_form_drawn_again_after_a_refused_or_stale_save_keeps_its_thread() {
    let app = TestApp::spawn().await;
    app.login_as_in(&app, Role::Lead, Some("marketing")).await;
    let (action, team): (Uuid, Uuid) = sqlx::query_as(
        "select id, team_id from communication_actions where channel = 'newsletter'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let page = format!("/communications/{action}");
    let posted = comment(&app, &page, "communication", action, "Relire le texte").await;
    assert_redirects_to(&posted, &format!("{page}#comments"));
    let team = team.to_string();
    let fields = |title: &'static str, version: &'static str| {
        [
            ("title", title),
            ("channel", "newsletter"),
            ("audience", ""),
            ("day", "20"),
            ("state", "planned"),
            ("team", team.as_str()),
            ("owner", ""),
            ("version", version),
        ]
    };

    let refused = app.submit(&page, &page, &fields(" ", "1")).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = html(refused).await;
    let stale = app.submit(&page, &page, &fields("Newsletter", "0")).await;
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    let stale = html(stale).await;

    for shown in [refused, stale] {
        assert_eq!(texts(&shown, "#comments .note-body"), ["Relire le texte"]);
        assert_eq!(texts(&shown, "#comments form[action='/comments']").len(), 1);
    }
}
