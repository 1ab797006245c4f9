//! `/feedback.csv`: the filtered list as CSV, for a spreadsheet, in the
//! reader's language like the checklist's export.

use anyhow::Context;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::get;

use super::filter::ListQuery;
use crate::auth::CurrentUser;
use crate::db::feedback_list;
use crate::error::Result;
use crate::state::AppState;
use crate::web::csv::{download, neutralised};
use crate::web::extract::CurrentPlan;
use crate::web::page::PageCtx;

/// The catalog keys of the header row.
const HEADER: [&str; 12] = [
    "feedback-csv-id",
    "feedback-csv-sent-at",
    "feedback-csv-day",
    "feedback-csv-category",
    "feedback-csv-rating",
    "feedback-csv-status",
    "feedback-csv-message",
    "feedback-csv-email",
    "feedback-csv-tags",
    "feedback-csv-assignee",
    "feedback-csv-duplicates",
    "feedback-csv-merged-into",
];

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/feedback.csv", get(export_feedback))
}

async fn export_feedback(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    RawQuery(raw): RawQuery,
) -> Result<Response> {
    let lang = ctx.lang;
    let query = ListQuery::parse(raw.as_deref());
    let rows = feedback_list::rows(&state.db, plan.id, &query.filter, None, 0).await?;
    // The public's addresses go to those who answer them, as on the pages.
    let with_contact = user.may_triage_feedback();
    let mut body = Vec::new();
    {
        let mut writer = csv::Writer::from_writer(&mut body);
        writer
            .write_record(HEADER.map(|key| lang.t(key)))
            .context("cannot write the CSV header")?;
        for row in rows {
            let email = row.email.filter(|_| with_contact).unwrap_or_default();
            let tags = row.tags.join(", ");
            let assignee = row.assignee_name.unwrap_or_default();
            let category = lang.t(row.category.label_key());
            let status = lang.t(row.status.label_key());
            let record = [
                row.id.to_string(),
                row.created_at.to_rfc3339(),
                row.day.to_string(),
                category,
                row.rating.to_string(),
                status,
                neutralised(&row.message),
                neutralised(&email),
                neutralised(&tags),
                neutralised(&assignee),
                row.duplicate_count.to_string(),
                row.merged_into_id
                    .map(|id| id.to_string())
                    .unwrap_or_default(),
            ];
            writer
                .write_record(&record)
                .context("cannot write a CSV row")?;
        }
        writer.flush().context("cannot write the CSV export")?;
    }
    Ok(download("feedback.csv", body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn the_header_is_translated_in_every_language() {
        for lang in Lang::ALL {
            for key in HEADER {
                assert_ne!(lang.t(key), key, "{key} missing in {}", lang.code());
            }
        }
    }
}
