//! What every page's layout needs: language, signed-in user, CSRF token, path.

use std::sync::Arc;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{FromRequestParts, OriginalUri};
use axum::http::request::Parts;
use tower_sessions::Session;
use uuid::Uuid;

use crate::auth::{CurrentUser, csrf};
use crate::db::users::User;
use crate::domain::role::Role;
use crate::error::{AppError, ErrorPage};
use crate::i18n::Lang;
use crate::plan_cache::PlanSnapshot;
use crate::state::AppState;
use crate::web::shown_plan;

/// The layout's context, extracted from the request.
#[derive(Clone, Debug)]
pub struct PageCtx {
    pub lang: Lang,
    pub user: Option<User>,
    pub csrf: String,
    pub path: String,
    /// A message left by the previous request (post, then redirect), shown once.
    pub flash: Option<String>,
    /// The plan as every instance holds it, for its words in `lang`; `None`
    /// before a plan exists or on a page drawn outside a request.
    pub plan: Option<Arc<PlanSnapshot>>,
    /// The plans the user may switch between: none unless two or more.
    pub switchable: Vec<PlanChoice>,
}

/// A plan in the switcher.
#[derive(Clone, Debug)]
pub struct PlanChoice {
    pub id: Uuid,
    pub name: String,
    pub shown: bool,
}

/// The plans `user` may read, when there is a choice, `shown` marked.
async fn switchable(state: &AppState, user: Option<&User>, shown: Option<Uuid>) -> Vec<PlanChoice> {
    let (Some(user), Ok(plans)) = (user, state.plans.all().await) else {
        return Vec::new();
    };
    let choices: Vec<PlanChoice> = shown_plan::readable_by(&plans, user)
        .map(|held| PlanChoice {
            id: held.plan.id,
            name: held.plan.name.clone(),
            shown: Some(held.plan.id) == shown,
        })
        .collect();
    if choices.len() < 2 {
        return Vec::new();
    }
    choices
}

/// Session key of the flash message.
const FLASH: &str = "flash";

/// Leaves `message` for the next page the user sees (after a 303).
pub async fn flash(session: &Session, message: String) -> Result<(), AppError> {
    session.insert(FLASH, message).await?;
    Ok(())
}

/// The flash message, taken out of the session.
async fn take_flash(session: &Session) -> Result<Option<String>, AppError> {
    take_once(session, FLASH).await
}

/// What the session keeps under `key` for the next page only (a flash, a
/// secret shown once), taken out. Without one, the session is left
/// untouched: removing marks it changed, and drawing a page would write it.
pub async fn take_once(session: &Session, key: &str) -> Result<Option<String>, AppError> {
    if session.get::<String>(key).await?.is_none() {
        return Ok(None);
    }
    Ok(session.remove(key).await?)
}

/// A link of the main navigation.
#[derive(Debug)]
pub struct NavLink {
    pub href: &'static str,
    pub label: String,
    pub current: bool,
}

/// Every page of the product, in the navigation's order, with its catalog key.
const NAVIGATION: [(&str, &str); 11] = [
    ("/", "nav-overview"),
    ("/timeline", "nav-timeline"),
    ("/communications", "nav-communications"),
    ("/work", "nav-work"),
    ("/my", "nav-my"),
    ("/teams", "nav-teams"),
    ("/risks", "nav-risks"),
    ("/countdown", "nav-countdown"),
    ("/golive", "nav-golive"),
    ("/feedback", "nav-feedback"),
    ("/activity", "nav-activity"),
];

const ADMIN_NAVIGATION: [(&str, &str); 5] = [
    ("/admin/users", "nav-admin-users"),
    ("/admin/plan", "nav-admin-plan"),
    ("/admin/webhooks", "nav-admin-webhooks"),
    ("/admin/tokens", "nav-admin-tokens"),
    ("/screens", "nav-screens"),
];

impl PageCtx {
    /// The message `key` in the page's language.
    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    /// A term of the plan (a team's name, an audience) as it reads in the
    /// page's language: the plan's translation, or the term as written.
    pub fn term<'a>(&'a self, text: &'a str) -> &'a str {
        self.plan
            .as_ref()
            .map_or(text, |plan| plan.glossary.word(self.lang, text))
    }

    /// The navigation for this user, the current page marked.
    pub fn nav_links(&self) -> Vec<NavLink> {
        let admin = self
            .user
            .as_ref()
            .is_some_and(|user| user.role == Role::Admin);
        NAVIGATION
            .iter()
            .chain(ADMIN_NAVIGATION.iter().filter(|_| admin))
            .map(|(href, key)| NavLink {
                href,
                label: self.t(key),
                current: self.is_current(href),
            })
            .collect()
    }

    fn is_current(&self, href: &str) -> bool {
        // A phase's page is reached from the timeline: it stays marked.
        let path = if self.path.starts_with("/phases/") {
            "/timeline"
        } else {
            &self.path
        };
        if href == "/" {
            path == "/"
        } else {
            path == href || path.starts_with(&format!("{href}/"))
        }
    }

    /// Whether the plan shown is archived, and so read only.
    pub fn plan_archived(&self) -> bool {
        self.plan.as_ref().is_some_and(|held| held.plan.archived)
    }

    /// Languages to switch to, as (code, name, current).
    pub fn languages(&self) -> Vec<(&'static str, &'static str, bool)> {
        Lang::ALL
            .iter()
            .map(|lang| (lang.code(), lang.native_name(), *lang == self.lang))
            .collect()
    }
}

impl FromRequestParts<AppState> for PageCtx {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|(_, message)| anyhow::anyhow!(message))?;
        let path = parts
            .extensions
            .get::<OriginalUri>()
            .map_or_else(|| parts.uri.path().to_owned(), |uri| uri.path().to_owned());
        let user = parts
            .extensions
            .get::<CurrentUser>()
            .map(|user| user.0.clone());
        // Memory in the steady state; none yet while the setup page runs.
        let plan = state.plans.get().await.ok();
        Ok(PageCtx {
            lang: parts.extensions.get::<Lang>().copied().unwrap_or_default(),
            switchable: switchable(state, user.as_ref(), plan.as_ref().map(|held| held.plan.id))
                .await,
            user,
            csrf: csrf::form_token(&parts.extensions, &session).await?,
            path,
            flash: take_flash(&session).await?,
            plan,
        })
    }
}

/// The page drawn for every error status.
#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
pub struct ErrorTemplate {
    ctx: PageCtx,
    title: String,
    message: String,
}

impl ErrorTemplate {
    /// The error page for `page`, in `lang`, outside any session.
    pub fn new(lang: Lang, page: ErrorPage) -> Self {
        ErrorTemplate {
            title: lang.t(&format!("{}-title", page.key())),
            message: lang.t(&format!("{}-message", page.key())),
            ctx: PageCtx {
                lang,
                user: None,
                csrf: String::new(),
                path: String::new(),
                flash: None,
                plan: None,
                switchable: Vec::new(),
            },
        }
    }
}
