//! Pages of the product that later issues build; until then they say so.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::routing::get;

use crate::app::AppState;
use crate::auth::CurrentUser;
use crate::auth::session::Admin;
use crate::web::page::{self, PageCtx};

/// Pages of the navigation not built yet; their title is their link's.
const SIGNED_IN: [&str; 4] = [
    "/risks",
    "/countdown",
    "/golive",
    "/feedback",
];

/// Public pages (PRODUCT.md: no session needed).
const PUBLIC: [(&str, &str); 1] = [("/feedback/new", "feedback-new-title")];

#[derive(Template, WebTemplate)]
#[template(path = "coming_soon.html")]
struct ComingSoonPage {
    ctx: PageCtx,
    title: String,
}

/// The routes of every page not built yet.
pub fn router() -> Router<AppState> {
    let signed_in = SIGNED_IN.iter().fold(Router::new(), |router, path| {
        let key = page::nav_key(path);
        router.route(
            path,
            get(move |_user: CurrentUser, ctx: PageCtx| async move { page(ctx, key) }),
        )
    });
    let admin_only = signed_in.route(
        "/admin/plan",
        get(|_admin: Admin, ctx: PageCtx| async move { page(ctx, page::nav_key("/admin/plan")) }),
    );
    PUBLIC.iter().fold(admin_only, |router, (path, key)| {
        router.route(path, get(move |ctx: PageCtx| async move { page(ctx, key) }))
    })
}

fn page(ctx: PageCtx, key: &str) -> ComingSoonPage {
    ComingSoonPage {
        title: ctx.t(key),
        ctx,
    }
}
