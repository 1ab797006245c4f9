//! The expand/contract rule (issue 22), checked on every migration from
//! [`FIRST_CHECKED`] on by the test suite CI runs: during a rollout the
//! previous release still serves against the migrated schema, and a
//! rollback runs it again there, so a migration may only add. Dropping or
//! renaming a table or column, or making a column NOT NULL that the
//! previous release does not fill, breaks it — such a migration must be the
//! "contract" step of an earlier "expand" one, shipped a release after it,
//! and say so on a line of its own: `-- contract: 0031_expand_titles`.
//!
//! Hand-written: no crate checks a migration against this rule; reading the
//! few statements that break it takes a lower-cased scan of each statement,
//! function bodies (`$$ … $$`) and comments left out.

/// The first migration the rule applies to: the ones before it shipped
/// before the rule and cannot change (their checksums are recorded).
pub const FIRST_CHECKED: u32 = 30;

/// What a migration does that the previous release cannot live with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Breaking {
    DropTable,
    DropColumn,
    Rename,
    /// `add column … not null` without a default, or `set not null`.
    NotNull,
    /// A contract marker naming no earlier migration.
    UnknownExpand(String),
}

/// The statements of `sql` in lower case, without comments nor the bodies
/// of functions.
fn statements(sql: &str) -> Vec<String> {
    let mut code = String::new();
    for line in sql.lines() {
        let line = line.split("--").next().unwrap_or_default();
        code.push_str(line);
        code.push('\n');
    }
    // Text between `$$` pairs is a function's body: not schema changes.
    let outside: String = code
        .split("$$")
        .enumerate()
        .filter(|(index, _)| index % 2 == 0)
        .map(|(_, part)| part)
        .collect::<Vec<_>>()
        .join(" ");
    outside
        .split(';')
        .map(|statement| {
            statement
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        })
        .filter(|statement| !statement.is_empty())
        .collect()
}

/// The earlier migration `sql` says it is the contract step of, if any.
fn contract_of(sql: &str) -> Option<String> {
    sql.lines()
        .filter_map(|line| line.trim().strip_prefix("--"))
        .filter_map(|comment| comment.trim().strip_prefix("contract:"))
        .map(|name| name.trim().trim_end_matches(".sql").to_owned())
        .next()
}

/// What the migration `sql` does that breaks the previous release, given
/// the names (file names without `.sql`) of the migrations before it. A
/// contract step of an earlier one may break: it is released after it.
pub fn check(sql: &str, earlier: &[&str]) -> Vec<Breaking> {
    if let Some(expand) = contract_of(sql) {
        return if earlier.contains(&expand.as_str()) {
            Vec::new()
        } else {
            vec![Breaking::UnknownExpand(expand)]
        };
    }
    let mut breaking = Vec::new();
    for statement in statements(sql) {
        if statement.starts_with("drop table") {
            breaking.push(Breaking::DropTable);
        }
        if statement.starts_with("alter table") {
            for clause in statement.split(',') {
                let clause = clause.trim();
                if clause.contains("drop column") {
                    breaking.push(Breaking::DropColumn);
                }
                if clause.contains(" rename ") || clause.starts_with("rename ") {
                    breaking.push(Breaking::Rename);
                }
                let adds_not_null = clause.contains("add column")
                    && clause.contains("not null")
                    && !clause.contains("default");
                if adds_not_null || clause.contains("set not null") {
                    breaking.push(Breaking::NotNull);
                }
            }
        }
    }
    breaking
}

#[cfg(test)]
mod tests {
    use super::*;

    const DROPS: &str = "-- Titles are now in `headline`.\nalter table risks drop column title;\n";

    #[test]
    fn a_migration_that_drops_a_column_breaks_the_previous_release() {
        assert_eq!(check(DROPS, &["0030_headline"]), [Breaking::DropColumn]);
    }

    #[test]
    fn the_same_migration_marked_as_a_contract_step_passes() {
        let marked = format!("-- contract: 0030_headline\n{DROPS}");
        assert_eq!(
            check(&marked, &["0029_launch_anchors", "0030_headline"]),
            []
        );
        assert_eq!(
            check(&marked, &["0029_launch_anchors"]),
            [Breaking::UnknownExpand("0030_headline".to_owned())],
            "the expand step it names must come before it"
        );
    }

    #[test]
    fn each_breaking_statement_is_found_and_additions_pass() {
        let cases = [
            ("drop table feedback_notes;", vec![Breaking::DropTable]),
            (
                "alter table plans rename column name to title;",
                vec![Breaking::Rename],
            ),
            (
                "alter table plans rename to launches;",
                vec![Breaking::Rename],
            ),
            (
                "alter table plans add column owner text not null;",
                vec![Breaking::NotNull],
            ),
            (
                "alter table plans alter column description set not null;",
                vec![Breaking::NotNull],
            ),
            (
                "alter table plans add column a text, drop column b;",
                vec![Breaking::DropColumn],
            ),
            (
                "alter table plans add column owner text not null default '';",
                vec![],
            ),
            ("alter table plans add column owner text;", vec![]),
            (
                "create table notes (id uuid primary key, body text not null);",
                vec![],
            ),
            ("alter table users alter column x drop not null;", vec![]),
            (
                "create function f() returns trigger language plpgsql as $$ begin drop table t; end $$;",
                vec![],
            ),
            ("-- alter table plans drop column name;\nselect 1;", vec![]),
        ];
        for (sql, expected) in cases {
            assert_eq!(check(sql, &[]), expected, "{sql}");
        }
    }

    #[test]
    fn every_migration_since_the_rule_keeps_the_previous_release_working() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|entry| {
                let name = entry.ok()?.file_name().into_string().ok()?;
                Some(name.strip_suffix(".sql")?.to_owned())
            })
            .collect();
        names.sort();
        assert!(
            names.len() >= FIRST_CHECKED as usize - 1,
            "the migrations are read"
        );
        for (index, name) in names.iter().enumerate() {
            let number: u32 = name.split('_').next().unwrap().parse().unwrap();
            if number < FIRST_CHECKED {
                continue;
            }
            let sql = std::fs::read_to_string(dir.join(format!("{name}.sql"))).unwrap();
            let earlier: Vec<&str> = names[..index].iter().map(String::as_str).collect();
            assert_eq!(
                check(&sql, &earlier),
                [],
                "migration {name} breaks the release before it: make it an expand step, \
                 or mark it `-- contract: <the expand migration>` and ship it a release later"
            );
        }
    }
}
