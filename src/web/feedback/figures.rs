//! The figures behind the trends chart: each day's entries per category and
//! its average rating.

use crate::db::feedback_trends::DayCount;
use crate::domain::feedback::Category;
use crate::i18n::Lang;

/// One day's figures, per category in [`Category::ALL`]'s order.
#[derive(Clone, Copy, Debug, Default)]
pub struct Day {
    pub counts: [i64; 4],
    pub rating_sum: i64,
}

impl Day {
    /// Its entries, all categories together.
    pub fn total(&self) -> i64 {
        self.counts.iter().sum()
    }

    /// Adds `other`'s figures to these.
    pub fn add(&mut self, other: &Day) {
        for (count, more) in self.counts.iter_mut().zip(other.counts) {
            *count += more;
        }
        self.rating_sum += other.rating_sum;
    }

    /// Its average rating; none on a day without feedback.
    pub fn average(&self) -> Option<f64> {
        let total = self.total();
        (total > 0).then(|| self.rating_sum as f64 / total as f64)
    }
}

/// Every day from `first` to `last`, with the figures `counts` give it
/// (none for a day they do not name).
pub fn per_day(first: i64, last: i64, counts: &[DayCount]) -> Vec<(i64, Day)> {
    (first..=last)
        .map(|day| {
            let mut figures = Day::default();
            for count in counts.iter().filter(|count| i64::from(count.day) == day) {
                let category = Category::ALL.iter().position(|c| *c == count.category);
                if let Some(index) = category {
                    figures.counts[index] += count.entries;
                    figures.rating_sum += count.rating_sum;
                }
            }
            (day, figures)
        })
        .collect()
}

/// A number with one decimal, in the language's way ("3,5" / "3.5"):
/// fluent-rs does not localise decimal separators.
pub fn decimal(lang: Lang, value: f64) -> String {
    let text = format!("{value:.1}");
    match lang {
        Lang::Fr => text.replace('.', ","),
        Lang::En => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_add_up_their_categories_and_average_their_ratings() {
        let counts = [
            DayCount {
                day: 33,
                category: Category::Bug,
                entries: 2,
                rating_sum: 3,
            },
            DayCount {
                day: 33,
                category: Category::Praise,
                entries: 1,
                rating_sum: 5,
            },
        ];
        let days = per_day(32, 34, &counts);
        assert_eq!(days.len(), 3);
        assert_eq!(days[1].1.counts, [2, 0, 0, 1]);
        assert_eq!(
            days[1].1.average().map(|a| decimal(Lang::Fr, a)).as_deref(),
            Some("2,7")
        );
        assert_eq!(days[0].1.average(), None);
        assert_eq!(decimal(Lang::En, 4.0), "4.0");
    }
}
