//! A phase's bar on its own line, for the list of phases a phone shows in
//! place of the Gantt chart: the whole plan is the line's width, so no
//! sideways scrolling is needed to see where a phase sits.

/// SVG user units per day: whole numbers even for a tenth of a day done.
const UNIT: i64 = 100;

/// One phase's bar over days 0 to the horizon, in SVG user units.
#[derive(Debug, PartialEq, Eq)]
pub struct MiniBar {
    pub width: i64,
    pub x: i64,
    pub span: i64,
    pub done: i64,
    pub colour: String,
    /// Today's line, when today is within the plan.
    pub today: Option<i64>,
    pub launch: i64,
}

/// The bar of a phase from day `start` to day `end` (both included), with
/// `percent` of its items done.
pub fn mini_bar(
    (start, end): (i64, i64),
    percent: i64,
    colour: &str,
    horizon: i64,
    today: i64,
    launch_day: i64,
) -> MiniBar {
    let middle = |day: i64| day * UNIT + UNIT / 2;
    let span = (end - start + 1) * UNIT;
    MiniBar {
        width: (horizon + 1) * UNIT,
        x: start * UNIT,
        span,
        done: span * percent / 100,
        colour: colour.to_owned(),
        today: (0..=horizon).contains(&today).then(|| middle(today)),
        launch: middle(launch_day),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_covers_its_days_out_of_the_whole_plan() {
        let bar = mini_bar((5, 9), 40, "#123456", 60, 7, 31);
        assert_eq!(bar.width, 6100);
        assert_eq!((bar.x, bar.span, bar.done), (500, 500, 200));
        assert_eq!(bar.today, Some(750));
        assert_eq!(bar.launch, 3150);
    }

    #[test]
    fn today_after_the_plan_draws_no_line() {
        assert_eq!(mini_bar((1, 2), 0, "#000000", 60, 61, 31).today, None);
    }
}
