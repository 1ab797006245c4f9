//! The trends chart of the support period, laid out in Rust and drawn as SVG
//! by `feedback/_trends.html`: entries per day stacked by category (each
//! category with its own pattern as well as its colour), and below them the
//! day's average rating. A table under the chart gives the same figures.

use super::figures::{self, Day, decimal};
use crate::db::feedback_trends::DayCount;
use crate::domain::calendar::Calendar;
use crate::domain::feedback::Category;
use crate::i18n::Lang;

const LEFT: i64 = 44;
const DAY_WIDTH: i64 = 26;
const BAR_WIDTH: i64 = 16;
const LEGEND_HEIGHT: i64 = 30;
/// Room for an axis's title above its plot.
const TITLE_HEIGHT: i64 = 22;
const COUNT_HEIGHT: i64 = 160;
const GAP: i64 = 28;
const RATING_HEIGHT: i64 = 90;
const AXIS_HEIGHT: i64 = 26;
const MARGIN: i64 = 12;

/// The whole chart, in SVG user units, and its table.
#[derive(Debug)]
pub struct Trends {
    pub width: i64,
    pub height: i64,
    pub plot_left: i64,
    pub plot_right: i64,
    pub count_top: i64,
    pub count_bottom: i64,
    pub rating_top: i64,
    pub rating_bottom: i64,
    pub legend: Vec<LegendEntry>,
    pub count_ticks: Vec<YTick>,
    pub rating_ticks: Vec<YTick>,
    pub day_ticks: Vec<XTick>,
    pub segments: Vec<Segment>,
    pub points: Vec<Point>,
    /// Runs of consecutive days with feedback, as SVG `points` lists.
    pub rating_lines: Vec<String>,
    pub rows: Vec<TrendRow>,
    /// The categories' names, in the table's column order.
    pub categories: Vec<String>,
    /// The whole period's figures, under the days'.
    pub period_row: TrendRow,
    /// "J+32 – J+60", the period drawn.
    pub period: String,
}

/// A category in the legend, with its total over the period.
#[derive(Debug)]
pub struct LegendEntry {
    pub x: i64,
    pub category: &'static str,
    pub label: String,
}

/// A value on a vertical axis.
#[derive(Debug)]
pub struct YTick {
    pub y: i64,
    pub label: String,
}

/// A day named under the plot.
#[derive(Debug)]
pub struct XTick {
    pub x: i64,
    pub label: String,
}

/// One category's part of one day's bar.
#[derive(Debug)]
pub struct Segment {
    pub x: i64,
    pub y: i64,
    pub width: i64,
    pub height: i64,
    pub day: i64,
    pub category: &'static str,
    pub count: i64,
    pub title: String,
}

/// One day's average rating.
#[derive(Debug)]
pub struct Point {
    pub x: i64,
    pub y: i64,
    pub title: String,
}

/// A row of the table under the chart.
#[derive(Debug)]
pub struct TrendRow {
    pub day: String,
    pub counts: Vec<i64>,
    pub total: i64,
    pub average: String,
}

fn day_x(first: i64, day: i64) -> i64 {
    LEFT + (day - first) * DAY_WIDTH
}

/// Lays out the feedback of days `first` to `last` (both included).
pub fn layout(
    lang: Lang,
    calendar: &Calendar,
    first: i64,
    last: i64,
    counts: &[DayCount],
) -> Trends {
    let days = figures::per_day(first, last, counts);
    let highest = days
        .iter()
        .map(|(_, day)| day.total())
        .max()
        .unwrap_or(0)
        .max(1);
    // Ticks at whole entries: at most four steps up to a round top.
    let step = (highest + 3) / 4;
    let top = step * 4;
    let count_top = LEGEND_HEIGHT + TITLE_HEIGHT;
    let count_bottom = count_top + COUNT_HEIGHT;
    let rating_top = count_bottom + GAP + TITLE_HEIGHT;
    let rating_bottom = rating_top + RATING_HEIGHT;
    let scale = |count: i64| count * COUNT_HEIGHT / top;
    let rating_y = |rating: f64| {
        let offset = ((rating - 1.0) / 4.0 * RATING_HEIGHT as f64).round() as i64;
        rating_bottom - offset
    };

    let mut segments = Vec::new();
    let mut points = Vec::new();
    let mut rating_lines = Vec::new();
    let mut run: Vec<String> = Vec::new();
    for (day, figures) in &days {
        let x = day_x(first, *day) + (DAY_WIDTH - BAR_WIDTH) / 2;
        let day_label = lang.day_and_date(*day, calendar.date_of(*day));
        let mut y = count_bottom;
        for (category, count) in Category::ALL.iter().zip(figures.counts) {
            if count == 0 {
                continue;
            }
            let height = scale(count).max(2);
            y -= height;
            let title = lang.t_args(
                "feedback-trends-segment-title",
                &[
                    ("day", day_label.clone().into()),
                    ("category", lang.t(category.label_key()).into()),
                    ("count", count.into()),
                ],
            );
            segments.push(Segment {
                x,
                y,
                width: BAR_WIDTH,
                height,
                day: *day,
                category: category.as_str(),
                count,
                title,
            });
        }
        match figures.average() {
            Some(average) => {
                let point = Point {
                    x: x + BAR_WIDTH / 2,
                    y: rating_y(average),
                    title: lang.t_args(
                        "feedback-trends-average-title",
                        &[
                            ("day", day_label.into()),
                            ("average", decimal(lang, average).into()),
                        ],
                    ),
                };
                run.push(format!("{},{}", point.x, point.y));
                points.push(point);
            }
            None => rating_lines.extend(take_run(&mut run)),
        }
    }
    rating_lines.extend(take_run(&mut run));

    let mut period = Day::default();
    for (_, figures) in &days {
        period.add(figures);
    }
    let row = |label: String, figures: &Day| TrendRow {
        day: label,
        counts: figures.counts.to_vec(),
        total: figures.total(),
        average: figures
            .average()
            .map_or_else(|| "–".to_owned(), |average| decimal(lang, average)),
    };
    let legend = Category::ALL
        .iter()
        .zip(period.counts)
        .enumerate()
        .map(|(index, (category, total))| LegendEntry {
            x: LEFT + i64::try_from(index).unwrap_or(0) * 130,
            category: category.as_str(),
            label: format!("{} ({total})", lang.t(category.label_key())),
        })
        .collect();
    let plot_right = day_x(first, last + 1);
    Trends {
        width: plot_right.max(LEFT + 4 * 130) + MARGIN,
        height: rating_bottom + AXIS_HEIGHT + MARGIN,
        plot_left: LEFT,
        plot_right,
        count_top,
        count_bottom,
        rating_top,
        rating_bottom,
        legend,
        count_ticks: (0..=4)
            .map(|i| YTick {
                y: count_bottom - scale(i * step),
                label: (i * step).to_string(),
            })
            .collect(),
        rating_ticks: (1..=5)
            .map(|rating| YTick {
                y: rating_y(f64::from(rating)),
                label: rating.to_string(),
            })
            .collect(),
        day_ticks: std::iter::once(first)
            .chain((first..=last).filter(|day| *day != first && day % 5 == 0))
            .map(|day| XTick {
                x: day_x(first, day) + DAY_WIDTH / 2,
                label: lang.day(day),
            })
            .collect(),
        segments,
        points,
        rating_lines,
        rows: days
            .iter()
            .map(|(day, figures)| row(lang.day_and_date(*day, calendar.date_of(*day)), figures))
            .collect(),
        categories: Category::ALL
            .iter()
            .map(|category| lang.t(category.label_key()))
            .collect(),
        period_row: row(lang.t("feedback-trends-total"), &period),
        period: lang.day_span(first, last),
    }
}

/// A finished run of rating points, when it has two or more to join.
fn take_run(run: &mut Vec<String>) -> Option<String> {
    let points = std::mem::take(run);
    (points.len() > 1).then(|| points.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, NaiveTime};

    fn calendar() -> Calendar {
        Calendar {
            kickoff: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            time_zone: chrono_tz::Europe::Paris,
            launch_day: 31,
            launch_time: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            horizon: 60,
        }
    }

    fn count(day: i32, category: Category, entries: i64, rating_sum: i64) -> DayCount {
        DayCount {
            day,
            category,
            entries,
            rating_sum,
        }
    }

    #[test]
    fn bars_stack_by_category_and_the_tallest_day_fills_the_plot() {
        let counts = [
            count(33, Category::Bug, 3, 6),
            count(33, Category::Praise, 1, 5),
            count(35, Category::Idea, 2, 8),
        ];
        let trends = layout(Lang::Fr, &calendar(), 32, 60, &counts);
        assert_eq!(trends.rows.len(), 29);
        assert_eq!(trends.rows[1].counts, [3, 0, 0, 1]);
        assert_eq!(trends.rows[1].average, "2,8");
        assert_eq!(trends.period_row.counts, [3, 2, 0, 1]);
        assert_eq!(trends.period_row.total, 6);
        let day_33: Vec<_> = trends.segments.iter().filter(|s| s.day == 33).collect();
        assert_eq!(day_33.iter().map(|s| s.height).sum::<i64>(), COUNT_HEIGHT);
        assert_eq!(
            day_33[0].y + day_33[0].height,
            trends.count_bottom,
            "bugs sit at the bottom"
        );
        assert_eq!(trends.points.len(), 2);
        assert!(
            trends.rating_lines.is_empty(),
            "days 33 and 35 are not consecutive"
        );
    }

    #[test]
    fn a_period_without_feedback_draws_empty_axes() {
        let trends = layout(Lang::En, &calendar(), 32, 60, &[]);
        assert!(trends.segments.is_empty() && trends.points.is_empty());
        assert_eq!(
            trends.count_ticks.last().map(|t| t.label.as_str()),
            Some("4")
        );
        assert_eq!(trends.rows[0].average, "–");
    }
}
