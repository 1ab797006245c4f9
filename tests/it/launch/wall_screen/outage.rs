//! The wall screen through a lost database: it says it is reconnecting,
//! retries by itself and shows the board again, with no reload by hand.

use std::time::Duration;

use launch_control::auth::tokens::{self, Purpose};
use launch_control::cluster::Cluster;
use launch_control::db::users::{self, NO_PASSWORD, NewUser};
use launch_control::db::{kiosk_screens, plans};
use launch_control::domain::role::Role;
use sqlx::PgPool;

use super::{following, holds, same_page, text_of, within};
use crate::browser::{in_browser, start_driver};
use crate::helpers::{seeded_private_cluster, serve};

/// A wall screen of the plan in `pool`, made by a new admin; its link's path.
async fn screen_in(pool: &PgPool) -> String {
    let mut conn = pool.acquire().await.unwrap();
    let admin = users::insert(
        &mut conn,
        NewUser {
            email: "wall@example.org",
            display_name: "Wall",
            password_hash: NO_PASSWORD,
            role: Role::Admin,
            team_id: None,
        },
    )
    .await
    .unwrap()
    .expect("the email is free");
    let plan = plans::current(pool).await.unwrap();
    let (token, secret) = tokens::issue_revocable(&mut conn, Purpose::Kiosk, None, admin)
        .await
        .unwrap();
    kiosk_screens::insert(&mut conn, plan.id, "Accueil", token, admin)
        .await
        .unwrap();
    format!("/kiosk/{secret}")
}

/// How long the screen may take to notice the outage (its next check of the
/// server) and to come back (its retries): bounds, not measures.
const OUTAGE_LIMIT: Duration = Duration::from_secs(60);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wall_screen_says_it_is_reconnecting_while_the_database_is_away_then_shows_the_board() {
    let Some(driver) = start_driver() else { return };
    let (dir, cluster, pool) = seeded_private_cluster("postgres").await;
    let url = format!(
        "http://{}{}",
        serve(pool.clone()).await,
        screen_in(&pool).await
    );
    // Shown, not only unhidden: drawn boxes on the screen.
    let reconnecting = "var notice = document.getElementById('kiosk-reconnecting');
                        return notice !== null && notice.getClientRects().length > 0";

    in_browser(&driver, |browser| async move {
        browser.goto(&url).await?;
        assert!(following(&browser).await, "the wall screen follows changes");
        browser
            .execute("window.stillTheSamePage = true", vec![])
            .await?;
        assert!(!holds(&browser, reconnecting).await, "all is well at first");

        cluster.stop().await.unwrap();
        let noticed = within(OUTAGE_LIMIT, || holds(&browser, reconnecting)).await;
        assert!(noticed, "the screen says it is reconnecting");
        let cluster = Cluster::start(dir.path())
            .await
            .expect("PostgreSQL starts again");

        let back = within(OUTAGE_LIMIT, || async {
            !holds(&browser, reconnecting).await
                && holds(
                    &browser,
                    "var days = document.querySelector('#kiosk-board .days-label');
                     return document.body.dataset.liveLost === 'false'
                        && days !== null && days.getClientRects().length > 0",
                )
                .await
        })
        .await;
        assert!(back, "the board comes back by itself");
        assert!(same_page(&browser).await, "nobody reloaded the page");
        // The text WebDriver reads is the text shown: empty when hidden.
        let seconds = text_of(&browser, "[data-unit=seconds]").await;
        let ticking = within(Duration::from_secs(15), || async {
            text_of(&browser, "[data-unit=seconds]")
                .await
                .is_some_and(|now| !now.is_empty() && Some(&now) != seconds.as_ref())
        })
        .await;
        assert!(ticking, "the clock still runs");
        cluster.stop().await.unwrap();
        drop(dir);
        Ok(())
    })
    .await;
}
