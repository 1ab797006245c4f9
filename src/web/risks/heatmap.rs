//! The register's 5×5 heat map, laid out in Rust and drawn as SVG by a
//! template: likelihood across, impact up, each cell's count in text and its
//! band named in its title, its pattern, the legend and the table beside it.

use crate::db::risks::Risk;
use crate::domain::risk::{Band, Level, Score};
use crate::i18n::Lang;

use super::filter::RegisterQuery;

const CELL: i64 = 72;
const LEFT: i64 = 64;
const TOP: i64 = 12;
const BOTTOM: i64 = 56;
const RIGHT: i64 = 12;

/// The whole map, in SVG user units, and its text alternative.
#[derive(Debug)]
pub struct HeatMap {
    pub width: i64,
    pub height: i64,
    pub plot_left: i64,
    pub plot_right: i64,
    pub cells: Vec<Cell>,
    /// Likelihood 1 to 5, under the columns.
    pub x_ticks: Vec<Tick>,
    /// Impact 1 to 5, beside the rows.
    pub y_ticks: Vec<Tick>,
    pub x_title: String,
    pub y_title: String,
    pub y_title_y: i64,
    pub desc: String,
    /// The same counts as a table, impact 5 first (as drawn).
    pub rows: Vec<TableRow>,
    pub legend: Vec<LegendEntry>,
}

/// One likelihood × impact cell.
#[derive(Debug)]
pub struct Cell {
    pub x: i64,
    pub y: i64,
    pub size: i64,
    pub centre_x: i64,
    pub centre_y: i64,
    pub band: &'static str,
    pub count: usize,
    /// The filtered register, for a cell that holds risks.
    pub href: Option<String>,
    /// "Likelihood 3 × impact 4 = 12 (high): 2 risks".
    pub title: String,
    /// The cell the register is filtered on.
    pub current: bool,
}

/// A number on an axis.
#[derive(Debug)]
pub struct Tick {
    pub x: i64,
    pub y: i64,
    pub label: u8,
}

/// A row of the table alternative: one impact level.
#[derive(Debug)]
pub struct TableRow {
    pub impact: u8,
    pub cells: Vec<TableCell>,
}

/// A cell of the table alternative.
#[derive(Debug)]
pub struct TableCell {
    pub count: usize,
    pub href: Option<String>,
    pub band: &'static str,
    pub band_label: String,
}

/// A band's swatch, name and scores.
#[derive(Debug)]
pub struct LegendEntry {
    pub band: &'static str,
    pub label: String,
}

/// Lays out the map of `risks`; cells link to the register filtered by
/// `query` and the cell.
pub fn layout(lang: Lang, risks: &[Risk], query: RegisterQuery) -> HeatMap {
    let count = |likelihood: Level, impact: Level| {
        risks
            .iter()
            .filter(|risk| risk.score() == Score { likelihood, impact })
            .count()
    };
    let href = |likelihood: Level, impact: Level, count: usize| {
        (count > 0).then(|| {
            let cell = query.with_cell(Some((likelihood, impact)));
            format!("/risks{}", cell.to_query())
        })
    };
    let plot_bottom = TOP + 5 * CELL;
    let mut cells = Vec::new();
    let mut rows = Vec::new();
    for impact in Level::ALL.into_iter().rev() {
        let mut row = Vec::new();
        for likelihood in Level::ALL {
            let score = Score { likelihood, impact };
            let band = score.band();
            let count = count(likelihood, impact);
            let x = LEFT + (i64::from(likelihood.value()) - 1) * CELL;
            let y = TOP + (5 - i64::from(impact.value())) * CELL;
            let band_label = lang.t(&band.label_key());
            cells.push(Cell {
                x,
                y,
                size: CELL,
                centre_x: x + CELL / 2,
                centre_y: y + CELL / 2 + 8,
                band: band.as_str(),
                count,
                href: href(likelihood, impact, count),
                title: lang.t_args(
                    "risk-heatmap-cell",
                    &[
                        ("likelihood", likelihood.value().into()),
                        ("impact", impact.value().into()),
                        ("score", score.value().into()),
                        ("band", band_label.clone().into()),
                        ("count", count.into()),
                    ],
                ),
                current: query.cell == Some((likelihood, impact)),
            });
            row.push(TableCell {
                count,
                href: href(likelihood, impact, count),
                band: band.as_str(),
                band_label,
            });
        }
        rows.push(TableRow {
            impact: impact.value(),
            cells: row,
        });
    }
    let in_band = |band: Band| {
        risks
            .iter()
            .filter(|risk| risk.score().band() == band)
            .count()
    };
    HeatMap {
        width: LEFT + 5 * CELL + RIGHT,
        height: plot_bottom + BOTTOM,
        plot_left: LEFT,
        plot_right: LEFT + 5 * CELL,
        x_ticks: Level::ALL
            .iter()
            .map(|level| Tick {
                x: LEFT + (i64::from(level.value()) - 1) * CELL + CELL / 2,
                y: plot_bottom + 20,
                label: level.value(),
            })
            .collect(),
        y_ticks: Level::ALL
            .iter()
            .map(|level| Tick {
                x: LEFT - 12,
                y: TOP + (5 - i64::from(level.value())) * CELL + CELL / 2 + 5,
                label: level.value(),
            })
            .collect(),
        x_title: lang.t("risk-heatmap-x"),
        y_title: lang.t("risk-heatmap-y"),
        y_title_y: TOP + 5 * CELL / 2,
        desc: lang.t_args(
            "risk-heatmap-desc",
            &[
                ("count", risks.len().into()),
                ("high", in_band(Band::High).into()),
                ("medium", in_band(Band::Medium).into()),
                ("low", in_band(Band::Low).into()),
            ],
        ),
        cells,
        rows,
        legend: Band::ALL
            .iter()
            .map(|band| {
                let (low, high) = band.range();
                LegendEntry {
                    band: band.as_str(),
                    label: lang.t_args(
                        "risk-band-range",
                        &[
                            ("band", lang.t(&band.label_key()).into()),
                            ("low", low.into()),
                            ("high", high.into()),
                        ],
                    ),
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_five_cells_impact_five_on_top_and_empty_cells_link_nowhere() {
        let map = layout(Lang::En, &[], RegisterQuery::default());
        assert_eq!(map.cells.len(), 25);
        let top_left = &map.cells[0];
        assert_eq!(
            (top_left.x, top_left.y, top_left.band),
            (LEFT, TOP, "medium")
        );
        assert!(
            map.cells
                .iter()
                .all(|cell| cell.count == 0 && cell.href.is_none())
        );
        assert_eq!(map.rows[0].impact, 5);
        assert_eq!(map.cells[4].band, "high", "likelihood 5 × impact 5");
    }
}
