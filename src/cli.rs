//! The command-line tools: `launch-control user create`, `plan export` and
//! `plan import`.

use anyhow::{Context, bail};
use tokio::io::{AsyncBufReadExt, BufReader};

use crate::auth::password;
use crate::config::{PlanCommand, Settings, UserCommand};
use crate::db::Database;
use crate::db::events;
use crate::db::users::{self, NewUser};
use crate::db::{plans, teams};
use crate::domain::change::{AccountOrigin, Change, NewAccount};
use crate::domain::plan_file::PlanFile;
use crate::i18n::Lang;
use crate::plan_files;

/// Runs a `user` sub-command against the same database as the server.
pub async fn user(settings: Settings, action: UserCommand) -> anyhow::Result<()> {
    let UserCommand::Create {
        email,
        name,
        role,
        team,
    } = action;
    let password = read_password().await?;
    if password.chars().count() < password::MIN_LENGTH {
        bail!(
            "the password must have at least {} characters",
            password::MIN_LENGTH
        );
    }
    let database = crate::db::open(&settings).await?;
    let outcome = async {
        let pool = &database.pool;
        let plan = plans::current(pool)
            .await
            .context("no plan yet: start the server once first")?;
        let team_id = match &team {
            Some(team) => {
                let id = teams::find_by_key_or_name(pool, plan.id, team).await?;
                Some(id.with_context(|| format!("no team called {team:?}"))?)
            }
            None => None,
        };
        let hash = tokio::task::spawn_blocking(move || password::hash(&password)).await??;
        let mut tx = pool.begin().await?;
        let new_user = NewUser {
            email: email.trim(),
            display_name: name.trim(),
            password_hash: &hash,
            role,
            team_id,
        };
        let Some(user_id) = users::insert(&mut tx, new_user)
            .await
            .context("cannot store the user")?
        else {
            bail!("a user with the email {email} already exists");
        };
        // They belong to the installation's first plan, whose team they may lead.
        plans::add_member(&mut tx, plan.id, user_id).await?;
        let created = Change::UserCreated {
            user: user_id,
            after: NewAccount {
                email: email.trim().to_owned(),
                name: name.trim().to_owned(),
                role,
                team_id,
                via: Some(AccountOrigin::Cli),
            },
        };
        events::record(&mut tx, None, None, &created).await?;
        tx.commit().await?;
        println!(
            "created {} ({}) as {}",
            name.trim(),
            email.trim(),
            role.as_str()
        );
        Ok(())
    }
    .await;
    close(database).await?;
    outcome
}

/// The first line of standard input, without its line ending.
async fn read_password() -> anyhow::Result<String> {
    let mut line = String::new();
    BufReader::new(tokio::io::stdin())
        .read_line(&mut line)
        .await
        .context("cannot read the password from standard input")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// Runs a `plan` sub-command against the same database as the server (its
/// private cluster's, running or not, without `DATABASE_URL`).
pub async fn plan(settings: Settings, action: PlanCommand) -> anyhow::Result<()> {
    match action {
        PlanCommand::Export { out } => {
            let database = crate::db::open(&settings).await?;
            let outcome = export(&database, out).await;
            close(database).await?;
            outcome
        }
        PlanCommand::Import { file } => {
            // A file that cannot be imported is refused before any database opens.
            let file = read_plan_file(&file).await?;
            let database = crate::db::open(&settings).await?;
            let outcome = import(&database, &file).await;
            close(database).await?;
            outcome
        }
    }
}

/// Reads and checks the plan file at `path`, saying each of its problems.
async fn read_plan_file(path: &std::path::Path) -> anyhow::Result<PlanFile> {
    let text = tokio::fs::read_to_string(path)
        .await
        .with_context(|| format!("cannot read {}", path.display()))?;
    PlanFile::read(&text).or_else(|problems| {
        for problem in &problems {
            eprintln!(
                "{}: {}",
                path.display(),
                plan_files::describe(Lang::En, problem)
            );
        }
        bail!("{} was not imported", path.display())
    })
}

async fn export(database: &Database, out: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    let plan = plans::current(&database.pool)
        .await
        .context("no plan yet: start the server once first, or import one")?;
    let mut conn = database.pool.acquire().await?;
    let file = plan_files::export(&mut conn, plan.id, chrono::Utc::now()).await?;
    match out {
        Some(path) => {
            tokio::fs::write(&path, file.to_text())
                .await
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("plan \"{}\" written to {}", file.plan.name, path.display());
        }
        None => print!("{}", file.to_text()),
    }
    Ok(())
}

async fn import(database: &Database, file: &PlanFile) -> anyhow::Result<()> {
    let mut tx = database.pool.begin().await?;
    let (_, strangers) = plan_files::import(&mut tx, &file.plan, None).await?;
    tx.commit().await?;
    let items: usize = file.plan.phases.iter().map(|phase| phase.items.len()).sum();
    println!(
        "imported plan \"{}\": {} phases, {items} items, {} risks",
        file.plan.name,
        file.plan.phases.len(),
        file.plan.risks.len()
    );
    for person in strangers {
        eprintln!("no account here for {person}: kept without them");
    }
    Ok(())
}

/// Closes the pool, and stops the private cluster if this process started it.
async fn close(database: Database) -> anyhow::Result<()> {
    database.pool.close().await;
    if let Some(cluster) = database.cluster {
        cluster.release().await?;
    }
    Ok(())
}
