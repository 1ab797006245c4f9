use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::Selector;
use uuid::Uuid;

use super::{ADOPTION, DEPLOYMENT, OUTAGE, html, risk_id, scores, signed_in};
use crate::helpers::{TestApp, assert_redirects_to, texts};

#[tokio::test]
async fn out_of_range_scores_and_an_empty_title_are_refused_with_the_form_shown_again_and_nothing_stored()
 {
    let app = TestApp::spawn().await;
    let admin = signed_in(&app, Role::Admin, None).await;
    let cases = [
        ("likelihood", "0", "3"),
        ("likelihood", "6", "3"),
        ("likelihood", "abc", "3"),
        ("impact", "3", "0"),
        ("impact", "3", "6"),
        ("impact", "3", "abc"),
    ];

    for (field, likelihood, impact) in cases {
        let refused = admin
            .submit(
                "/risks/new",
                "/risks",
                &[
                    ("title", "Panne DNS"),
                    ("likelihood", likelihood),
                    ("impact", impact),
                    ("mitigation", "Deux fournisseurs"),
                ],
            )
            .await;
        assert_eq!(
            refused.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{likelihood} × {impact}"
        );
        let page = html(refused).await;
        assert_eq!(
            texts(&page, &format!("#{field}-error")),
            ["Choisissez un niveau de 1 à 5."],
            "{likelihood} × {impact}"
        );
        let title = Selector::parse("input#title").unwrap();
        assert_eq!(
            page.select(&title).next().unwrap().value().attr("value"),
            Some("Panne DNS")
        );
        assert_eq!(
            texts(&page, "textarea#mitigation-text"),
            ["Deux fournisseurs"]
        );
    }
    let untitled = admin
        .submit(
            "/risks/new",
            "/risks",
            &[
                ("title", "  "),
                ("likelihood", "2"),
                ("impact", "2"),
                ("mitigation", ""),
            ],
        )
        .await;
    assert_eq!(untitled.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        texts(&html(untitled).await, "#title-error"),
        ["Ce champ est obligatoire."]
    );
    let id = risk_id(&app, OUTAGE).await;
    let page = format!("/risks/{id}");
    let edit = admin
        .submit(
            &page,
            &page,
            &[
                ("title", OUTAGE),
                ("likelihood", "7"),
                ("impact", "5"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(edit.status(), StatusCode::UNPROCESSABLE_ENTITY);

    assert_eq!(app.count("risks", "true").await, 3);
    assert_eq!(scores(&app, id).await, (2, 5, 1));
    assert_eq!(
        app.count("activity_events", "subject_type = 'risk'").await,
        0
    );
}

#[tokio::test]
async fn a_lead_of_another_team_cannot_edit_review_or_link_and_nothing_changes() {
    let app = TestApp::spawn().await;
    let qa = signed_in(&app, Role::Lead, Some("qa")).await;
    let member = signed_in(&app, Role::Member, Some("devops")).await;
    let id = risk_id(&app, DEPLOYMENT).await;
    let page = format!("/risks/{id}");
    let item: Uuid = sqlx::query_scalar("select id from checklist_items limit 1")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let item = item.to_string();

    for visitor in [&qa, &member] {
        assert!(
            texts(&visitor.page(&page).await, "#edit, #review").is_empty(),
            "no control is shown"
        );
        let edit = visitor
            .submit(
                &page,
                &page,
                &[
                    ("title", "Piraté"),
                    ("likelihood", "1"),
                    ("impact", "1"),
                    ("version", "1"),
                ],
            )
            .await;
        assert_eq!(edit.status(), StatusCode::FORBIDDEN);
        let review = visitor
            .submit(
                &page,
                &format!("{page}/review"),
                &[
                    ("reason", "Piraté"),
                    ("likelihood", "1"),
                    ("impact", "1"),
                    ("version", "1"),
                ],
            )
            .await;
        assert_eq!(review.status(), StatusCode::FORBIDDEN);
        let link = visitor
            .submit(&page, &format!("{page}/items"), &[("item", &item)])
            .await;
        assert_eq!(link.status(), StatusCode::FORBIDDEN);
    }
    assert_eq!(
        member.get("/risks/new").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        qa.get("/risks/new").await.status(),
        StatusCode::OK,
        "for risks QA owns"
    );

    assert_eq!(scores(&app, id).await, (3, 4, 1));
    assert_eq!(app.count("risk_reviews", "true").await, 0);
    assert_eq!(
        app.count("risk_mitigation_items", &format!("risk_id = '{id}'"))
            .await,
        3
    );
    assert_eq!(
        app.count("activity_events", "subject_type = 'risk'").await,
        0
    );
}

#[tokio::test]
async fn a_stale_edit_is_refused_with_the_current_state_and_the_attempted_change() {
    let app = TestApp::spawn().await;
    let admin = signed_in(&app, Role::Admin, None).await;
    let id = risk_id(&app, ADOPTION).await;
    let page = format!("/risks/{id}");
    let team = app.team_id("marketing").await.to_string();
    let fields = |title, status| {
        [
            ("title", title),
            ("likelihood", "3"),
            ("impact", "3"),
            ("owner_team", team.as_str()),
            ("treatment", "mitigate"),
            ("status", status),
            ("version", "1"),
        ]
    };

    assert_redirects_to(
        &admin
            .submit(&page, &page, &fields("Adoption trop faible", "mitigating"))
            .await,
        &page,
    );
    let stale = admin
        .submit(&page, &page, &fields("Autre intitulé", "accepted"))
        .await;

    assert_eq!(stale.status(), StatusCode::CONFLICT);
    let shown = html(stale).await;
    assert!(texts(&shown, "[role=alert]")[0].contains("« Autre intitulé »"));
    assert_eq!(
        texts(&shown, "h1"),
        ["Adoption trop faible"],
        "the page shows the state that won"
    );
    let (title, status): (String, String) =
        sqlx::query_as("select title, status from risks where id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(
        (title.as_str(), status.as_str()),
        ("Adoption trop faible", "mitigating")
    );
    assert_eq!(
        app.count("activity_events", "kind = 'risk.updated'").await,
        1
    );
}
