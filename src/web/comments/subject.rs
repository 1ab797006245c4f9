//! What a comment is on, as forms name it and links reach it.

use uuid::Uuid;

use crate::domain::change::Commentable;
use crate::error::{AppError, Result};
use crate::web::extract::parse_id;

/// The name of `on`'s kind in forms: `item`, `risk`, `communication`, `feedback`.
pub fn kind(on: Commentable) -> &'static str {
    match on {
        Commentable::Item(_) => "item",
        Commentable::Risk(_) => "risk",
        Commentable::Communication(_) => "communication",
        Commentable::Feedback(_) => "feedback",
    }
}

/// What a form's kind and id name; anything else names nothing: 404.
pub fn parse(kind: &str, id: &str) -> Result<Commentable> {
    let id: Uuid = parse_id(id)?;
    match kind {
        "item" => Ok(Commentable::Item(id)),
        "risk" => Ok(Commentable::Risk(id)),
        "communication" => Ok(Commentable::Communication(id)),
        "feedback" => Ok(Commentable::Feedback(id)),
        _ => Err(AppError::NotFound),
    }
}

/// The page of what `on` names, where its comments are.
pub fn page(on: Commentable) -> String {
    match on {
        Commentable::Item(id) => format!("/items/{id}"),
        Commentable::Risk(id) => format!("/risks/{id}"),
        Commentable::Communication(id) => format!("/communications/{id}"),
        Commentable::Feedback(id) => format!("/feedback/{id}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_names_each_kind_of_subject_back_and_nothing_else() {
        let id = Uuid::new_v4();
        for on in [
            Commentable::Item(id),
            Commentable::Risk(id),
            Commentable::Communication(id),
            Commentable::Feedback(id),
        ] {
            assert_eq!(parse(kind(on), &id.to_string()).ok(), Some(on));
            assert!(page(on).ends_with(&id.to_string()));
        }
        assert!(parse("phase", &id.to_string()).is_err());
        assert!(parse("item", "not-an-id").is_err());
    }
}
