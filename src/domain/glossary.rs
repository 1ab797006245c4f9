//! The plan's own words in other languages: a plan is written in one
//! language, and gives, for the terms it chooses (team names, audiences), how
//! they read in another. A term without a translation is shown as written,
//! never half-translated.

use std::collections::HashMap;

use crate::domain::lang::Lang;

/// Each language's translations of the plan's terms.
#[derive(Clone, Debug, Default)]
pub struct Glossary {
    by_lang: HashMap<Lang, HashMap<String, String>>,
}

impl Glossary {
    /// A glossary of `(language, term, translation)` entries.
    pub fn new(entries: impl IntoIterator<Item = (Lang, String, String)>) -> Glossary {
        let mut by_lang: HashMap<Lang, HashMap<String, String>> = HashMap::new();
        for (lang, term, translation) in entries {
            by_lang.entry(lang).or_default().insert(term, translation);
        }
        Glossary { by_lang }
    }

    /// `text` as it reads in `lang`: its translation when the plan gives
    /// one, otherwise `text` itself.
    pub fn word<'a>(&'a self, lang: Lang, text: &'a str) -> &'a str {
        self.by_lang
            .get(&lang)
            .and_then(|terms| terms.get(text))
            .map_or(text, String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lootopia() -> Glossary {
        Glossary::new([(
            Lang::En,
            "Développement".to_owned(),
            "Development".to_owned(),
        )])
    }

    #[test]
    fn a_term_reads_as_its_translation_in_that_language() {
        assert_eq!(lootopia().word(Lang::En, "Développement"), "Development");
    }

    #[test]
    fn a_term_stays_as_written_in_the_other_languages_and_without_a_translation() {
        let glossary = lootopia();
        assert_eq!(glossary.word(Lang::Fr, "Développement"), "Développement");
        assert_eq!(glossary.word(Lang::En, "Grand public"), "Grand public");
        assert_eq!(glossary.word(Lang::En, "développement"), "développement");
    }
}
