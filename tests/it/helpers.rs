//! The test harness: a real PostgreSQL (a throwaway cluster, or the server at
//! `DATABASE_URL`), a fresh migrated and seeded database per test, the app on
//! port 0, and a cookie-keeping client.

use std::net::SocketAddr;
use std::str::FromStr;

use chrono::TimeZone;

use launch_control::app::{self, Options};
use launch_control::auth::password;
use launch_control::cluster::Cluster;
use launch_control::connections::{self, Limits};
use launch_control::db::plans;
use launch_control::db::users::{self, NewUser};
use launch_control::domain::role::Role;
use launch_control::mail::Backoff;
use launch_control::mail::MailSettings;
use launch_control::plan_cache::PlanCache;
use launch_control::public_url::PublicUrl;
use launch_control::reminders;
use launch_control::state::AppState;
use launch_control::webhooks::{Guard, WebhookSettings};
use reqwest::redirect::Policy;
use reqwest::{Response, StatusCode};
use scraper::{Html, Selector};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, Connection, PgPool};
use tokio::net::TcpListener;
use tokio::sync::{Mutex, OnceCell};
use uuid::Uuid;

/// The password every test user gets.
pub const PASSWORD: &str = "correct horse battery staple";

/// Where test databases are created, and the template they are copied from.
struct Server {
    admin: PgConnectOptions,
    template: String,
    /// Kept alive for the whole test process; its watchdog removes it afterwards.
    _cluster: Option<Cluster>,
}

static SERVER: OnceCell<Server> = OnceCell::const_new();
/// PostgreSQL refuses to copy a template that another copy is reading.
static CREATE_LOCK: Mutex<()> = Mutex::const_new(());

async fn server() -> &'static Server {
    crate::queries::install();
    SERVER
        .get_or_init(|| async {
            let (admin, cluster) = match std::env::var("DATABASE_URL") {
                Ok(url) => (
                    PgConnectOptions::from_str(&url).expect("DATABASE_URL is a valid URL"),
                    None,
                ),
                Err(_) => {
                    let cluster = Cluster::start_throwaway()
                        .await
                        .expect("a throwaway PostgreSQL starts");
                    let url = cluster.database_url("postgres");
                    (
                        PgConnectOptions::from_str(&url).expect("the cluster's URL is valid"),
                        Some(cluster),
                    )
                }
            };
            let admin = admin.database("postgres");
            let template = format!("lc_template_{}", std::process::id());
            create_template(&admin, &template).await;
            Server {
                admin,
                template,
                _cluster: cluster,
            }
        })
        .await
}

async fn create_template(admin: &PgConnectOptions, name: &str) {
    let mut conn = admin.connect().await.expect("the test PostgreSQL answers");
    sqlx::query(&format!("drop database if exists {name}"))
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query(&format!("create database {name}"))
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    let pool = PgPoolOptions::new()
        .max_connections(2)
        .connect_with(admin.clone().database(name))
        .await
        .unwrap();
    launch_control::db::migrate(&pool)
        .await
        .expect("migrations apply");
    launch_control::seed::seed_if_empty(&pool, chrono::Utc::now())
        .await
        .expect("the seed loads");
    pool.close().await;
}

/// A fresh copy of the migrated, seeded template; returns its name and options.
pub async fn fresh_database() -> (String, PgConnectOptions) {
    let server = server().await;
    let name = format!("lc_test_{}", Uuid::new_v4().simple());
    let _guard = CREATE_LOCK.lock().await;
    let mut conn = server.admin.connect().await.unwrap();
    sqlx::query(&format!(
        "create database {name} template {}",
        server.template
    ))
    .execute(&mut conn)
    .await
    .expect("a test database is created");
    conn.close().await.unwrap();
    let options = server.admin.clone().database(&name);
    (name, options)
}

/// The app on its own database, listening on a free port. It derefs to its
/// first visitor, so `app.get(...)` browses as that visitor.
pub struct TestApp {
    pub db: PgPool,
    pub db_options: PgConnectOptions,
    visitor: Visitor,
    db_name: String,
    plans: PlanCache,
}

impl std::ops::Deref for TestApp {
    type Target = Visitor;

    fn deref(&self) -> &Visitor {
        &self.visitor
    }
}

impl TestApp {
    /// Starts the app on a fresh database.
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with_mail(None).await
    }

    /// Starts the app on a fresh database, sending e-mail as `mail` says.
    pub async fn spawn_with_mail(mail: Option<MailSettings>) -> TestApp {
        TestApp::spawn_with(mail, test_webhooks(true)).await
    }

    /// Starts the app on a fresh database, sending e-mail as `mail` says
    /// and webhooks as `webhooks` say.
    pub async fn spawn_with(mail: Option<MailSettings>, webhooks: WebhookSettings) -> TestApp {
        TestApp::spawn_configured(mail, webhooks, None).await
    }

    /// Starts the app on a fresh database with `PUBLIC_URL` set to `url`.
    pub async fn spawn_with_public_url(url: &str) -> TestApp {
        let public_url = Some(launch_control::public_url::PublicUrl::new(url));
        TestApp::spawn_configured(None, test_webhooks(true), public_url).await
    }

    async fn spawn_configured(
        mail: Option<MailSettings>,
        webhooks: WebhookSettings,
        public_url: Option<launch_control::public_url::PublicUrl>,
    ) -> TestApp {
        let (db_name, db_options) = fresh_database().await;
        let db = PgPoolOptions::new()
            .max_connections(5)
            .connect_with(db_options.clone())
            .await
            .unwrap();
        let state = AppState::with_outbound(db.clone(), mail, webhooks, public_url);
        let plans = state.plans.clone();
        let address = serve_state_listening(state, Options::default()).await;
        let app = TestApp {
            plans,
            visitor: Visitor {
                address,
                client: new_client(),
            },
            db,
            db_options,
            db_name,
        };
        // The app looks for reminders as it starts: the seed's, recorded and
        // fanned out before the test makes its users, are told to none of them.
        reminders::look(&app.db, &app.plans, chrono::Utc::now())
            .await
            .unwrap();
        app.fanned_out().await;
        app
    }

    /// Tells the app that the test changed the plan, its teams or its phases
    /// straight in the database: the app would hear it from PostgreSQL's
    /// notification, but maybe after the test's next request.
    pub fn plan_edited(&self) {
        self.plans.invalidate();
    }

    /// Waits until the changes made so far are fanned out into
    /// notifications (the worker beside the app takes them within moments),
    /// so that its writes do not mix with those a test watches.
    pub async fn fanned_out(&self) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while self.count("outbox", "true").await > 0 {
            assert!(
                std::time::Instant::now() < deadline,
                "the outbox never emptied"
            );
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    /// Moves the plan so that today, in the plan's own time zone (not the
    /// database's: they part for an hour or two each night), is plan day `day`.
    pub async fn today_is(&self, day: i32) {
        sqlx::query("update plans set kickoff_date = (now() at time zone time_zone)::date - $1")
            .bind(day)
            .execute(&self.db)
            .await
            .unwrap();
        self.plan_edited();
    }

    /// Looks for today's reminders (today in the plan's time zone) as if
    /// it were `hour` o'clock there; how many were new.
    pub async fn reminders_at(&self, hour: u32) -> usize {
        let calendar = self.plans.first().await.unwrap().plan.calendar();
        let today = calendar.today(chrono::Utc::now());
        let at = calendar
            .time_zone
            .from_local_datetime(&today.and_hms_opt(hour, 0, 0).unwrap())
            .single()
            .unwrap()
            .with_timezone(&chrono::Utc);
        reminders::look(&self.db, &self.plans, at).await.unwrap()
    }

    /// Copies the plan `admin` is shown as `name`, through the copy form,
    /// with a kickoff of its own: the copy's id.
    pub async fn copy_plan(&self, admin: &Visitor, name: &str) -> Uuid {
        let copied = admin
            .submit(
                "/admin/plans/copy",
                "/admin/plans/copy",
                &[("name", name), ("kickoff_date", "2027-03-01")],
            )
            .await;
        assert_redirects_to(&copied, "/admin/plans");
        sqlx::query_scalar("select id from plans where name = $1")
            .bind(name)
            .fetch_one(&self.db)
            .await
            .unwrap()
    }

    /// Another browser, with cookies of its own.
    pub fn visitor(&self) -> Visitor {
        Visitor {
            address: self.visitor.address,
            client: new_client(),
        }
    }

    /// Creates a user with [`PASSWORD`], in the team with this key if any.
    pub async fn create_user_in(
        &self,
        email: &str,
        name: &str,
        role: Role,
        team: Option<&str>,
    ) -> Uuid {
        let team_id = match team {
            Some(key) => Some(self.team_id(key).await),
            None => None,
        };
        let hash = password::hash(PASSWORD).unwrap();
        let mut conn = self.db.acquire().await.unwrap();
        let new_user = NewUser {
            email,
            display_name: name,
            password_hash: &hash,
            role,
            team_id,
        };
        let id = users::insert(&mut conn, new_user)
            .await
            .unwrap()
            .expect("the email is free");
        // Of the first plan, as `launch-control user create` makes them.
        let plan = plans::current(&self.db).await.unwrap();
        plans::add_member(&mut conn, plan.id, id).await.unwrap();
        self.plan_edited();
        id
    }

    /// Creates a user with [`PASSWORD`] and no team.
    pub async fn create_user(&self, email: &str, name: &str, role: Role) -> Uuid {
        self.create_user_in(email, name, role, None).await
    }

    /// The id of the seeded team with this key (`devops`, `qa`, `support`...).
    pub async fn team_id(&self, key: &str) -> Uuid {
        sqlx::query_scalar("select id from teams where key = $1")
            .bind(key)
            .fetch_one(&self.db)
            .await
            .unwrap()
    }

    /// Creates a user of `role` and signs in as them.
    pub async fn login_as(&self, role: Role) -> Uuid {
        self.login_as_in(&self.visitor, role, None).await
    }

    /// Creates a user of `role` in `team` and signs `visitor` in as them.
    pub async fn login_as_in(&self, visitor: &Visitor, role: Role, team: Option<&str>) -> Uuid {
        let email = format!("{}-{}@example.org", role.as_str(), team.unwrap_or("none"));
        let name = format!("Test {} {}", role.as_str(), team.unwrap_or(""));
        let id = self.create_user_in(&email, name.trim(), role, team).await;
        assert_redirects_to(&visitor.login(&email, PASSWORD).await, "/");
        id
    }

    /// The number of rows of `table` matching the SQL condition `condition`.
    pub async fn count(&self, table: &str, condition: &str) -> i64 {
        sqlx::query_scalar(&format!("select count(*) from {table} where {condition}"))
            .fetch_one(&self.db)
            .await
            .unwrap()
    }
}

/// A browser: a cookie-keeping client on the app.
pub struct Visitor {
    pub address: SocketAddr,
    pub client: reqwest::Client,
}

impl Visitor {
    /// The absolute URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// A GET.
    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("the app answers")
    }

    /// A GET that must answer 200; its body parsed as HTML.
    pub async fn page(&self, path: &str) -> Html {
        let response = self.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "GET {path}");
        Html::parse_document(&response.text().await.unwrap())
    }

    /// Posts `fields` to `action` as a form, exactly as given (no CSRF field added).
    pub async fn post_raw(&self, action: &str, fields: &[(&str, &str)]) -> Response {
        self.client
            .post(self.url(action))
            .form(fields)
            .send()
            .await
            .expect("the app answers")
    }

    /// Opens `page`, takes the CSRF token of its form, and posts `fields` with it to `action`.
    pub async fn submit(&self, page: &str, action: &str, fields: &[(&str, &str)]) -> Response {
        let token = csrf_token(&self.page(page).await);
        let mut fields = fields.to_vec();
        fields.push(("csrf", &token));
        self.post_raw(action, &fields).await
    }

    /// Signs in through the login form.
    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.submit(
            "/login",
            "/login",
            &[("email", email), ("password", password)],
        )
        .await
    }
}

impl Drop for TestApp {
    /// Drops the test's database; a thread of its own, since `drop` cannot await.
    fn drop(&mut self) {
        let (name, admin) = (
            self.db_name.clone(),
            self.db_options.clone().database("postgres"),
        );
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async {
                let mut conn = admin.connect().await?;
                sqlx::query(&format!("drop database if exists {name} with (force)"))
                    .execute(&mut conn)
                    .await?;
                conn.close().await
            })
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("could not drop test database {}", self.db_name);
        }
    }
}

/// Webhooks sent quickly: failures tried again within moments, to
/// receivers on this machine when `allow_private` (the tests' receivers
/// listen on the loopback).
pub fn test_webhooks(allow_private: bool) -> WebhookSettings {
    WebhookSettings {
        guard: Guard { allow_private },
        retry: Backoff {
            first: std::time::Duration::from_millis(100),
            max: std::time::Duration::from_millis(400),
        },
        public_url: PublicUrl::new("https://launch.example.org"),
    }
}

/// Serves the app on `db` on a free port of the loopback, in the background.
pub async fn serve(db: PgPool) -> SocketAddr {
    serve_state(AppState::new(db), Options::default()).await
}

/// Serves the app on `db` with `options`, once its live updates listen: a
/// change committed afterwards reaches its streams.
pub async fn serve_listening(db: PgPool, options: Options) -> SocketAddr {
    serve_state_listening(AppState::new(db), options).await
}

async fn serve_state_listening(state: AppState, options: Options) -> SocketAddr {
    let hub = state.live.clone();
    let address = serve_state(state, options).await;
    tokio::time::timeout(std::time::Duration::from_secs(30), hub.listening())
        .await
        .expect("the app listens for live updates");
    address
}

async fn serve_state(state: AppState, options: Options) -> SocketAddr {
    let router = app::router(state, options);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(connections::serve(
        listener,
        router,
        Limits::default(),
        std::future::pending(),
    ));
    address
}

/// The first item of phase 2.1 and the phase, for the ticking flows.
pub async fn first_item_of_first_phase(app: &TestApp) -> (Uuid, Uuid) {
    sqlx::query_as(
        "select i.id, i.phase_id from checklist_items i join phases p on p.id = i.phase_id
         where p.section = '2.1' order by i.position limit 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap()
}

/// A client that keeps cookies and does not follow redirects, so tests see them.
pub fn new_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .unwrap()
}

/// The value of the first CSRF field of a page.
pub fn csrf_token(page: &Html) -> String {
    let field = Selector::parse(r#"input[name="csrf"]"#).unwrap();
    page.select(&field)
        .next()
        .and_then(|input| input.value().attr("value"))
        .expect("the page has a CSRF field")
        .to_owned()
}

/// The fields the form `form` (a selector) of `page` would post as it
/// stands, with `changes` made to them, as a browser would send them: each
/// named input's value (checked ones only for boxes), each textarea's text and each select's selected
/// option (its first when none is). The CSRF field is left to [`Visitor::submit`].
pub fn form_values(page: &Html, form: &str, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let form = Selector::parse(form).unwrap();
    let named = Selector::parse("input[name], select[name], textarea[name]").unwrap();
    let selected = Selector::parse("option[selected]").unwrap();
    let option = Selector::parse("option").unwrap();
    let form = page.select(&form).next().expect("the page has the form");
    let mut fields: Vec<(String, String)> = form
        .select(&named)
        .filter_map(|field| {
            let name = field.value().attr("name")?;
            let kind = field.value().attr("type").unwrap_or_default();
            if matches!(kind, "checkbox" | "radio") && field.value().attr("checked").is_none() {
                return None;
            }
            let value = match field.value().name() {
                "select" => field
                    .select(&selected)
                    .next()
                    .or_else(|| field.select(&option).next())?
                    .value()
                    .attr("value")
                    .unwrap_or_default()
                    .to_owned(),
                "textarea" => field.text().collect(),
                _ => field.value().attr("value").unwrap_or_default().to_owned(),
            };
            (name != "csrf").then(|| (name.to_owned(), value))
        })
        .collect();
    for (name, value) in changes {
        match fields.iter_mut().find(|(field, _)| field == name) {
            Some(field) => field.1 = (*value).to_owned(),
            None => fields.push(((*name).to_owned(), (*value).to_owned())),
        }
    }
    fields
}

/// Fields as [`Visitor::submit`] takes them.
pub fn borrowed(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect()
}

/// Asserts a 303 to `location`.
pub fn assert_redirects_to(response: &Response, location: &str) {
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "expected a redirect to {location}"
    );
    assert_eq!(response.headers()["location"], location);
}

/// The texts of the elements `selector` picks, white space folded (text
/// nodes are joined by a space, as a reader would hear them).
pub fn texts(page: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    page.select(&selector)
        .map(|element| {
            element
                .text()
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// A folder of the system's temporary folder, removed with everything in it
/// (a private PostgreSQL cluster's, say).
pub struct ScratchDir(std::path::PathBuf);

impl ScratchDir {
    pub fn new() -> ScratchDir {
        let dir = std::env::temp_dir().join(format!("lc-test-{}", Uuid::new_v4().simple()));
        std::fs::create_dir(&dir).unwrap();
        ScratchDir(dir)
    }

    pub fn path(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A private PostgreSQL cluster in a scratch folder, its database `database`
/// migrated and seeded, for tests that stop or kill their database, or run
/// the binary on it; the folder goes with its guard.
pub async fn seeded_private_cluster(database: &str) -> (ScratchDir, Cluster, PgPool) {
    let dir = ScratchDir::new();
    let cluster = Cluster::start(dir.path())
        .await
        .expect("a private PostgreSQL starts");
    if database != "postgres" {
        let admin = launch_control::db::connect(&cluster.database_url("postgres"))
            .await
            .unwrap();
        sqlx::query(&format!("create database {database}"))
            .execute(&admin)
            .await
            .unwrap();
        admin.close().await;
    }
    let pool = launch_control::db::connect(&cluster.database_url(database))
        .await
        .unwrap();
    launch_control::db::migrate(&pool).await.unwrap();
    launch_control::seed::seed_if_empty(&pool, chrono::Utc::now())
        .await
        .unwrap();
    (dir, cluster, pool)
}
