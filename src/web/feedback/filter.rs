//! The list's filters, read from the query string (`/feedback?status=new&q=...`)
//! and written back into the links of the list, its pages and its export.

use crate::db::feedback_list::Filter;
use crate::domain::feedback::{Category, Rating, Status};

/// The longest search the list takes, in characters.
const MAX_SEARCH_CHARS: usize = 200;
/// Plan days outside this range cannot be dates PostgreSQL computes.
const DAY_LIMIT: i32 = 3660;
/// The last page anyone can reach, so that an offset stays small.
const MAX_PAGE: i64 = 10_000;

/// The filters and the page of a list request. Unknown or malformed values
/// are dropped rather than refused: a filter is a view, not a change.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    pub filter: Filter,
    /// The page, from 1.
    pub page: i64,
}

impl ListQuery {
    /// Reads a raw query string; the last value of a repeated name wins.
    pub fn parse(raw: Option<&str>) -> ListQuery {
        let mut query = ListQuery {
            page: 1,
            ..ListQuery::default()
        };
        let pairs = form_urlencoded::parse(raw.unwrap_or_default().as_bytes());
        for (name, value) in pairs {
            let value = value.trim();
            let filter = &mut query.filter;
            match name.as_ref() {
                "status" => filter.status = Status::parse(value),
                "category" => filter.category = Category::parse(value),
                "rating" => filter.rating = Rating::parse(value),
                "from" => filter.from_day = day(value),
                "to" => filter.to_day = day(value),
                "q" => {
                    let search: String = value.chars().take(MAX_SEARCH_CHARS).collect();
                    filter.search = (!search.is_empty()).then_some(search);
                }
                "merged" => filter.include_merged = !value.is_empty(),
                "page" => {
                    query.page = value
                        .parse::<i64>()
                        .map_or(1, |page| page.clamp(1, MAX_PAGE));
                }
                _ => {}
            }
        }
        query
    }

    /// The query string of these filters on `page` (none for the first),
    /// starting with `?` unless empty.
    pub fn to_query(&self, page: Option<i64>) -> String {
        let filter = &self.filter;
        let mut out = form_urlencoded::Serializer::new(String::new());
        let days = [("from", filter.from_day), ("to", filter.to_day)];
        let pairs = [
            ("status", filter.status.map(|s| s.as_str().to_owned())),
            ("category", filter.category.map(|c| c.as_str().to_owned())),
            ("rating", filter.rating.map(|r| r.value().to_string())),
        ]
        .into_iter()
        .chain(days.map(|(name, day)| (name, day.map(|d| d.to_string()))))
        .chain([
            ("q", filter.search.clone()),
            ("merged", filter.include_merged.then(|| "1".to_owned())),
            ("page", page.filter(|page| *page > 1).map(|p| p.to_string())),
        ]);
        for (name, value) in pairs {
            if let Some(value) = value {
                out.append_pair(name, &value);
            }
        }
        let query = out.finish();
        if query.is_empty() {
            query
        } else {
            format!("?{query}")
        }
    }

    /// The same filters with another status (or none).
    pub fn with_status(&self, status: Option<Status>) -> ListQuery {
        let mut other = self.clone();
        other.filter.status = status;
        other.page = 1;
        other
    }
}

fn day(value: &str) -> Option<i32> {
    value
        .parse::<i32>()
        .ok()
        .filter(|day| (-DAY_LIMIT..=DAY_LIMIT).contains(day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_read_back_from_the_links_they_write() {
        let query = ListQuery::parse(Some(
            "status=planned&category=bug&rating=2&from=32&to=40&q=probl%C3%A8me+connexion&merged=1&page=3",
        ));
        assert_eq!(query.filter.status, Some(Status::Planned));
        assert_eq!(query.filter.search.as_deref(), Some("problème connexion"));
        assert_eq!(query.page, 3);
        let link = query.to_query(Some(query.page));
        assert_eq!(ListQuery::parse(link.strip_prefix('?')), query);
    }

    #[test]
    fn malformed_filters_are_dropped_not_refused() {
        let query = ListQuery::parse(Some(
            "status=lost&rating=9&from=99999999&page=-4&q=%20%20&x=1",
        ));
        assert_eq!(query, ListQuery::parse(None));
        assert_eq!(query.to_query(Some(1)), "");
    }
}
