//! The timeline's Gantt chart read at a glance and from the keyboard:
//! communication actions of one day side by side, a legend of the teams,
//! dates on the axis.

use launch_control::domain::role::Role;
use scraper::{Html, Selector};

use crate::helpers::{TestApp, texts};

const DAY: i32 = 20;
const TITLES: [&str; 3] = ["Annonce presse", "Webinaire partenaires", "Billet de blog"];

/// Adds three communication actions on day `DAY`, with the first team.
async fn three_actions_on_one_day(app: &TestApp) {
    for title in TITLES {
        sqlx::query(
            "insert into communication_actions (plan_id, channel, title, day, team_id)
             select p.id, 'website', $1, $2, t.id
             from plans p join teams t on t.plan_id = p.id
             order by p.created_at, t.position limit 1",
        )
        .bind(title)
        .bind(DAY)
        .execute(&app.db)
        .await
        .unwrap();
    }
}

/// The action marks whose accessible name starts with `title`.
fn mark<'a>(page: &'a Html, title: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse("svg.gantt a.action").unwrap();
    page.select(&selector)
        .filter(|link| {
            link.value()
                .attr("aria-label")
                .is_some_and(|name| name.starts_with(title))
        })
        .collect()
}

#[tokio::test]
async fn same_day_actions_are_separate_named_focusable_marks() {
    let app = TestApp::spawn().await;
    three_actions_on_one_day(&app).await;
    app.login_as(Role::Viewer).await;

    let page = app.page("/timeline").await;

    let points = Selector::parse("polygon").unwrap();
    let mut shapes = Vec::new();
    for title in TITLES {
        let marks = mark(&page, title);
        assert_eq!(marks.len(), 1, "one mark for {title}");
        let link = marks[0];
        let href = link.value().attr("href").unwrap_or_default();
        assert!(
            href.starts_with("/communications/"),
            "{href}: a link is focusable"
        );
        let name = link.value().attr("aria-label").unwrap();
        assert!(
            name.contains(&format!("J+{DAY} · ")),
            "{name}: named by its title and date"
        );
        let polygon = link.select(&points).next().unwrap();
        shapes.push(polygon.value().attr("points").unwrap().to_owned());
    }
    shapes.sort();
    shapes.dedup();
    assert_eq!(
        shapes.len(),
        3,
        "no mark sits on top of another: {shapes:?}"
    );
}

#[tokio::test]
async fn the_chart_has_a_legend_with_every_team_of_the_plan() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Viewer).await;
    let teams: Vec<String> = sqlx::query_scalar(
        "select t.name from teams t join plans p on p.id = t.plan_id
         order by t.position, t.name",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();

    let page = app.page("/timeline").await;

    assert!(teams.len() > 1, "the seed has several teams");
    assert_eq!(texts(&page, "#gantt .gantt-legend li"), teams);
    let swatches = Selector::parse("#gantt .gantt-legend li svg rect[fill]").unwrap();
    assert_eq!(page.select(&swatches).count(), teams.len());
}

#[tokio::test]
async fn the_axis_gives_the_calendar_date_of_its_days() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Viewer).await;
    let date: chrono::NaiveDate =
        sqlx::query_scalar("select kickoff_date + 8 from plans order by created_at limit 1")
            .fetch_one(&app.db)
            .await
            .unwrap();

    let page = app.page("/timeline").await;

    let ticks = texts(&page, "svg.gantt .axis .tick");
    let at = ticks
        .iter()
        .position(|tick| tick == "J+8")
        .expect("J+8 on the axis");
    let day = date.format("%-d").to_string();
    assert!(
        ticks[at + 1].split_whitespace().any(|word| word == day),
        "{} gives the date of J+8, the {day}",
        ticks[at + 1]
    );
}

#[tokio::test]
async fn the_phone_list_gives_every_phase_with_its_bar() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Viewer).await;
    let phases: i64 = sqlx::query_scalar("select count(*) from phases")
        .fetch_one(&app.db)
        .await
        .unwrap();

    let page = app.page("/timeline").await;

    let items = texts(&page, "#gantt .gantt-list > li");
    assert_eq!(i64::try_from(items.len()).unwrap(), phases);
    assert!(items.iter().all(|item| item.contains(" J+")), "{items:?}");
    let bars =
        Selector::parse("#gantt .gantt-list > li > a + .badge ~ svg.mini-bar rect.bar-track")
            .unwrap();
    assert_eq!(i64::try_from(page.select(&bars).count()).unwrap(), phases);
}
