//! Pages of the product that later issues build; until then they say so.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::routing::get;

use crate::app::AppState;
use crate::auth::CurrentUser;
use crate::web::page::{self, PageCtx};

/// Pages of the navigation not built yet; their title is their link's.
const SIGNED_IN: [&str; 0] = [];

#[derive(Template, WebTemplate)]
#[template(path = "coming_soon.html")]
struct ComingSoonPage {
    ctx: PageCtx,
    title: String,
}

/// The routes of every page not built yet.
pub fn router() -> Router<AppState> {
    SIGNED_IN.iter().fold(Router::new(), |router, path| {
        let key = page::nav_key(path);
        router.route(
            path,
            get(move |_user: CurrentUser, ctx: PageCtx| async move { page(ctx, key) }),
        )
    })
}

fn page(ctx: PageCtx, key: &str) -> ComingSoonPage {
    ComingSoonPage {
        title: ctx.t(key),
        ctx,
    }
}
