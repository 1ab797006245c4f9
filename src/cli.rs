//! The command-line tools: `launch-control user create`.

use anyhow::{Context, bail};
use tokio::io::{AsyncBufReadExt, BufReader};

use crate::auth::password;
use crate::config::{Settings, UserCommand};
use crate::db::events;
use crate::db::users::{self, NewUser};
use crate::db::{plans, teams};
use crate::domain::change::{AccountOrigin, Change, NewAccount};

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
        let team_id = match &team {
            Some(team) => {
                let plan = plans::current(pool)
                    .await
                    .context("no plan yet: start the server once first")?;
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
    database.pool.close().await;
    if let Some(cluster) = database.cluster {
        cluster.release().await?;
    }
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
