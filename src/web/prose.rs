//! Plain text as people type it in a textarea (paragraphs separated by blank
//! lines, bullets starting with "- "), cut into blocks a template renders as
//! `<p>` and `<ul>`. The text stays text: the template escapes every line, so
//! no markup typed by a user ever reaches the page. Long texts are cut into
//! excerpts for lists.

/// A paragraph (its lines, kept as typed) or a bulleted list (one line a bullet).
#[derive(Debug, PartialEq, Eq)]
pub struct Block {
    pub bullets: bool,
    pub lines: Vec<String>,
}

/// The blocks of `text`, in order. A line indented under a bullet continues it.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut after_blank = true;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            after_blank = true;
            continue;
        }
        let bullet = ["- ", "* ", "• "]
            .iter()
            .find_map(|mark| trimmed.strip_prefix(mark));
        let indented = line.starts_with([' ', '\t']);
        match (blocks.last_mut(), bullet) {
            (Some(last), Some(text)) if last.bullets && !after_blank => {
                last.lines.push(text.trim().to_owned());
            }
            (_, Some(text)) => blocks.push(Block {
                bullets: true,
                lines: vec![text.trim().to_owned()],
            }),
            (Some(last), None) if last.bullets && indented && !after_blank => {
                if let Some(bullet) = last.lines.last_mut() {
                    bullet.push(' ');
                    bullet.push_str(trimmed);
                }
            }
            (Some(last), None) if !last.bullets && !after_blank => {
                last.lines.push(trimmed.to_owned());
            }
            (_, None) => blocks.push(Block {
                bullets: false,
                lines: vec![trimmed.to_owned()],
            }),
        }
        after_blank = false;
    }
    blocks
}

/// The first characters of a message, for lists: whole words, an ellipsis
/// when cut.
pub(crate) fn excerpt(message: &str, max_chars: usize) -> String {
    let flat = message.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max_chars {
        return flat;
    }
    let cut: String = flat.chars().take(max_chars).collect();
    let cut = cut
        .rsplit_once(' ')
        .map_or(cut.as_str(), |(words, _)| words);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_cuts_between_words_and_says_so() {
        assert_eq!(excerpt("Le jeu\n plante", 40), "Le jeu plante");
        assert_eq!(excerpt("Le jeu plante souvent", 12), "Le jeu…");
    }

    fn block(bullets: bool, lines: &[&str]) -> Block {
        Block {
            bullets,
            lines: lines.iter().map(|line| (*line).to_owned()).collect(),
        }
    }

    #[test]
    fn paragraphs_and_bullets_come_out_as_written() {
        let text = "Nos objectifs :\nles voici.\n\n- Déployer\n- Lancer\n  officiellement\n\nEnfin <b>ceci</b>.";

        assert_eq!(
            blocks(text),
            [
                block(false, &["Nos objectifs :", "les voici."]),
                block(true, &["Déployer", "Lancer officiellement"]),
                block(false, &["Enfin <b>ceci</b>."]),
            ]
        );
    }

    #[test]
    fn a_line_right_after_a_list_starts_a_paragraph_and_empty_text_has_no_block() {
        assert_eq!(
            blocks("* un\r\n• deux\r\nfin"),
            [block(true, &["un", "deux"]), block(false, &["fin"])]
        );
        assert!(blocks(" \n\n").is_empty());
    }
}
