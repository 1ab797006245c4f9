//! `/admin/plans`: the installation's plans, and `/admin/plans/import`,
//! where an admin turns the plan document the team already wrote into a
//! plan (issue 21). The upload is read, never stored, until confirmed: the
//! preview lists what will be made and every line not understood, with its
//! number, and carries the document back in its confirming form.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use tower_sessions::Session;
use uuid::Uuid;

use crate::auth::session::Admin;
use crate::db::{events, plans};
use crate::domain::change::Change;
use crate::domain::plan_file::{PlanData, PlanFile, Problem};
use crate::error::Result;
use crate::plan_document::{self, Defaults, Reading};
use crate::plan_files;
use crate::state::AppState;
use crate::web::activity::line::{Moment, moment};
use crate::web::extract::{CurrentPlan, IdPath};
use crate::web::form::FieldErrors;
use crate::web::page::{self, PageCtx};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/plans", get(list_plans))
        .route("/admin/plans/import", get(show_upload).post(read_upload))
        .route("/admin/plans/export", get(export_plan))
        .route("/admin/plans/copy", get(show_copy).post(copy_plan))
        .route("/admin/plans/{id}/archive", post(archive_plan))
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/plans.html")]
struct PlansPage {
    ctx: PageCtx,
    plans: Vec<PlanLine>,
}

/// A plan in the list.
struct PlanLine {
    id: Uuid,
    name: String,
    /// When it was made, on the shown plan's calendar.
    created: Moment,
    counts: String,
    in_use: bool,
    archived: bool,
}

async fn list_plans(
    State(state): State<AppState>,
    CurrentPlan(shown): CurrentPlan,
    Admin(_): Admin,
    ctx: PageCtx,
) -> Result<PlansPage> {
    let lang = ctx.lang;
    let calendar = shown.calendar();
    let plans = plans::summaries(&state.db)
        .await?
        .into_iter()
        .map(|plan| PlanLine {
            id: plan.id,
            name: plan.name,
            created: moment(lang, &calendar, plan.created_at),
            counts: lang.t_args(
                "plans-counts",
                &[("phases", plan.phases.into()), ("items", plan.items.into())],
            ),
            in_use: plan.in_use,
            archived: plan.archived,
        })
        .collect();
    Ok(PlansPage { ctx, plans })
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/plan_import.html")]
struct ImportPage {
    ctx: PageCtx,
    /// Why the upload was refused, beside its field.
    error: String,
    /// A refused plan file's problems, each with its place.
    problems: Vec<String>,
    preview: Option<Preview>,
}

/// What a document would make, shown before anything is stored.
struct Preview {
    /// The document, carried back by the confirming form.
    document: String,
    file_name: String,
    name: String,
    summary: String,
    phases: Vec<PhaseLine>,
    risks: Vec<String>,
    channels: Vec<String>,
    unread: Vec<UnreadLine>,
    skipped: Vec<String>,
    /// Whether there is anything to create.
    importable: bool,
}

struct PhaseLine {
    label: String,
    days: String,
    team: String,
    items: Vec<String>,
}

struct UnreadLine {
    line: usize,
    text: String,
    why: String,
}

async fn show_upload(Admin(_): Admin, ctx: PageCtx) -> ImportPage {
    ImportPage {
        ctx,
        error: String::new(),
        problems: Vec::new(),
        preview: None,
    }
}

/// What the upload form posts: the document (a file, or the preview's
/// copy of it), its name, and whether the preview was confirmed.
#[derive(Default)]
struct Upload {
    document: Vec<u8>,
    file_name: String,
    confirmed: bool,
}

/// Reads the multipart form; `None` when it is not one.
async fn upload(mut form: Multipart) -> Option<Upload> {
    let mut upload = Upload::default();
    while let Some(field) = form.next_field().await.ok()? {
        match field.name() {
            Some("document") => {
                if let Some(name) = field.file_name().filter(|name| !name.is_empty()) {
                    upload.file_name = name.to_owned();
                }
                upload.document = field.bytes().await.ok()?.to_vec();
            }
            Some("file_name") => upload.file_name = field.text().await.ok()?,
            Some("confirm") => upload.confirmed = field.text().await.ok()? == "1",
            _ => {}
        }
    }
    Some(upload)
}

/// The preview of `plan`, with the lines of a document not read.
fn preview(ctx: &PageCtx, plan: &PlanData, reading: Option<&Reading>, upload: Carried) -> Preview {
    let lang = ctx.lang;
    let team_name = |key: &str| {
        plan.teams
            .iter()
            .find(|team| team.key == key)
            .map_or_else(String::new, |team| team.name.clone())
    };
    let items: usize = plan.phases.iter().map(|phase| phase.items.len()).sum();
    Preview {
        file_name: upload.file_name,
        name: plan.name.clone(),
        summary: lang.t_args(
            "import-summary",
            &[
                ("phases", plan.phases.len().into()),
                ("items", items.into()),
                ("teams", plan.teams.len().into()),
                ("risks", plan.risks.len().into()),
                ("actions", plan.communications.len().into()),
                ("launch", lang.day(plan.launch_day.into()).into()),
            ],
        ),
        importable: !plan.phases.is_empty(),
        phases: plan
            .phases
            .iter()
            .map(|phase| PhaseLine {
                label: format!("{} {}", phase.section, phase.name),
                days: lang.day_span(phase.start_day.into(), phase.end_day.into()),
                team: team_name(&phase.team),
                items: phase
                    .items
                    .iter()
                    .map(|item| match &item.group {
                        Some(group) => format!("{group} — {}", item.title),
                        None => item.title.clone(),
                    })
                    .collect(),
            })
            .collect(),
        risks: plan.risks.iter().map(|risk| risk.title.clone()).collect(),
        channels: plan
            .communications
            .iter()
            .map(|action| {
                format!(
                    "{} · {} · {}",
                    lang.day(action.day.into()),
                    lang.t(action.channel.label_key()),
                    action.title
                )
            })
            .collect(),
        unread: reading
            .map(|reading| {
                reading
                    .unread
                    .iter()
                    .map(|unread| UnreadLine {
                        line: unread.line,
                        text: unread.text.clone(),
                        why: lang.t(unread.why.key()),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        skipped: reading
            .map(|reading| {
                reading
                    .skipped
                    .iter()
                    .map(|(line, title)| {
                        lang.t_args(
                            "import-skipped-section",
                            &[("line", (*line).into()), ("title", title.clone().into())],
                        )
                    })
                    .collect()
            })
            .unwrap_or_default(),
        document: upload.document,
    }
}

/// The upload as the confirming form carries it back.
struct Carried {
    document: String,
    file_name: String,
}

/// The upload read: the plan it gives, with the document's reading when it
/// was a document rather than a plan file.
enum Read {
    File(PlanFile),
    Document(Reading),
}

async fn read_upload(
    State(state): State<AppState>,
    CurrentPlan(current): CurrentPlan,
    Admin(admin): Admin,
    ctx: PageCtx,
    session: Session,
    form: Multipart,
) -> Result<Response> {
    let refused = |ctx: PageCtx, key: &str, problems: Vec<String>| {
        let page = ImportPage {
            error: ctx.t(key),
            problems,
            preview: None,
            ctx,
        };
        (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
    };
    let Some(upload) = upload(form).await else {
        return Ok(refused(ctx, "import-unreadable", Vec::new()));
    };
    if upload.document.is_empty() {
        return Ok(refused(ctx, "import-empty", Vec::new()));
    }
    // UTF-8 text only: anything else is not a document this can read.
    let Ok(document) = String::from_utf8(upload.document) else {
        return Ok(refused(ctx, "import-not-text", Vec::new()));
    };
    if document.contains('\0') {
        return Ok(refused(ctx, "import-not-text", Vec::new()));
    }
    let described = |problems: &[Problem]| {
        problems
            .iter()
            .map(|problem| plan_files::describe(ctx.lang, problem))
            .collect::<Vec<_>>()
    };
    // An exported plan file is JSON; anything else is read as a document.
    let read = if document.trim_start().starts_with('{') {
        match PlanFile::read(&document) {
            Ok(file) => Read::File(file),
            Err(problems) => {
                let problems = described(&problems);
                return Ok(refused(ctx, "import-file-problems", problems));
            }
        }
    } else {
        let defaults = Defaults {
            kickoff: Utc::now().with_timezone(&current.time_zone).date_naive(),
            time_zone: current.time_zone.name().to_owned(),
            launch_time: current.launch_time,
        };
        let mut reading = plan_document::read(&document, &defaults);
        if reading.plan.name.is_empty() {
            let stem = upload
                .file_name
                .rsplit_once('.')
                .map_or(upload.file_name.as_str(), |(stem, _)| stem)
                .trim();
            reading.plan.name = if stem.is_empty() {
                ctx.t("import-untitled")
            } else {
                stem.to_owned()
            };
        }
        // What the reading gives is checked as a plan file is.
        let problems = reading.plan.problems();
        if !problems.is_empty() {
            let problems = described(&problems);
            return Ok(refused(ctx, "import-file-problems", problems));
        }
        Read::Document(reading)
    };
    let (plan, reading) = match &read {
        Read::File(file) => (&file.plan, None),
        Read::Document(reading) => (&reading.plan, Some(reading)),
    };
    let importable = !plan.phases.is_empty();
    if !(upload.confirmed && importable) {
        let carried = Carried {
            document,
            file_name: upload.file_name,
        };
        let page = ImportPage {
            error: if importable {
                String::new()
            } else {
                ctx.t("import-nothing")
            },
            problems: Vec::new(),
            preview: Some(preview(&ctx, plan, reading, carried)),
            ctx,
        };
        let status = if importable {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        return Ok((status, page).into_response());
    }
    let mut tx = state.db.begin().await?;
    let (_, strangers) = plan_files::import(&mut tx, plan, Some(admin.id)).await?;
    tx.commit().await?;
    let items: usize = plan.phases.iter().map(|phase| phase.items.len()).sum();
    let mut done = ctx.lang.t_args(
        "import-done",
        &[
            ("name", plan.name.clone().into()),
            ("phases", plan.phases.len().into()),
            ("items", items.into()),
        ],
    );
    if !strangers.is_empty() {
        done.push(' ');
        done.push_str(&ctx.lang.t_args(
            "import-strangers",
            &[("people", strangers.join(", ").into())],
        ));
    }
    page::flash(&session, done).await?;
    Ok(Redirect::to("/admin/plans").into_response())
}

/// `/admin/plans/export`: the plan shown, as a sealed plan file to download.
async fn export_plan(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    Admin(_): Admin,
) -> Result<Response> {
    let now = Utc::now();
    let file = plan_files::export(&mut *state.db.acquire().await?, plan.id, now).await?;
    let name = format!("plan-{}.json", now.format("%Y-%m-%d"));
    Ok((
        [
            (CONTENT_TYPE, "application/json".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        file.to_text(),
    )
        .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/plan_copy.html")]
struct CopyPage {
    ctx: PageCtx,
    /// What is copied from which plan.
    help: String,
    form: CopyForm,
    errors: FieldErrors,
}

/// What the copy form posts.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CopyForm {
    name: String,
    kickoff_date: String,
}

async fn show_copy(CurrentPlan(plan): CurrentPlan, Admin(_): Admin, ctx: PageCtx) -> CopyPage {
    CopyPage {
        help: copy_help(&ctx, &plan.name),
        form: CopyForm::default(),
        errors: FieldErrors::new(ctx.lang),
        ctx,
    }
}

fn copy_help(ctx: &PageCtx, source: &str) -> String {
    ctx.lang
        .t_args("plan-copy-help", &[("plan", source.to_owned().into())])
}

/// `/admin/plans/copy`: a new plan from the one shown — its structure,
/// anchors and links — with every state reset and a kickoff of its own.
async fn copy_plan(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    Admin(admin): Admin,
    ctx: PageCtx,
    session: Session,
    Form(form): Form<CopyForm>,
) -> Result<Response> {
    let mut errors = FieldErrors::new(ctx.lang);
    let name = form.name.trim();
    if name.is_empty() {
        errors.add("name", "invalid-required");
    } else if name.chars().count() > 200 || name.contains(char::is_control) {
        errors.add("name", "invalid-too-long");
    }
    let kickoff = NaiveDate::parse_from_str(form.kickoff_date.trim(), "%Y-%m-%d").ok();
    if kickoff.is_none() {
        errors.add("kickoff_date", "plan-invalid-date");
    }
    let (Some(kickoff), true) = (kickoff, errors.is_empty()) else {
        let page = CopyPage {
            help: copy_help(&ctx, &plan.name),
            form,
            errors,
            ctx,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let mut tx = state.db.begin().await?;
    let copy = plan_files::export(&mut tx, plan.id, Utc::now())
        .await?
        .plan
        .fresh_copy(name.to_owned(), kickoff);
    let (copied, strangers) = plan_files::import(&mut tx, &copy, Some(admin.id)).await?;
    plans::copy_members(&mut tx, plan.id, copied).await?;
    tx.commit().await?;
    debug_assert!(
        strangers.is_empty(),
        "the people of a plan of this installation"
    );
    page::flash(
        &session,
        ctx.lang
            .t_args("plan-copied", &[("name", name.to_owned().into())]),
    )
    .await?;
    Ok(Redirect::to("/admin/plans").into_response())
}

/// What the archive button posts: whether the plan goes into the archive.
#[derive(Deserialize)]
struct ArchiveForm {
    archived: bool,
}

/// `/admin/plans/{id}/archive`: puts a plan in the archive, where it is
/// read only, or takes it out.
async fn archive_plan(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
    Form(form): Form<ArchiveForm>,
) -> Result<Response> {
    let name = plans::by_id(&state.db, id).await?.name;
    let mut tx = state.db.begin().await?;
    if plans::set_archived(&mut tx, id, form.archived).await? {
        let change = Change::PlanArchived {
            plan: id,
            archived: form.archived,
        };
        events::record(&mut tx, Some(id), Some(admin.id), &change).await?;
    }
    tx.commit().await?;
    let key = if form.archived {
        "plan-archived"
    } else {
        "plan-restored"
    };
    page::flash(&session, ctx.lang.t_args(key, &[("name", name.into())])).await?;
    Ok(Redirect::to("/admin/plans").into_response())
}
