//! Charts drawn on the server as SVG (bars side by side, a line over months): a title and a description for screen readers, and the
//! data table always beside them (the chart shows the shape; the table is the record). No
//! chart code reaches the wasm: pages render on the server only.

use leptos::prelude::*;

/// Width of the drawing, in its own units (it scales to the card).
const WIDTH: u32 = 320;
/// Width kept for the labels on the left.
const LABEL_WIDTH: u32 = 118;
/// Width kept for the value on the right.
const VALUE_WIDTH: u32 = 46;
/// Height of one bar's row.
const ROW: u32 = 24;
/// The longest label drawn; a longer one is cut with an ellipsis (the table has it whole).
const LABEL_CHARS: usize = 16;

/// One bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartBar {
    /// What it stands for.
    pub label: String,
    /// Its length, against the chart's maximum.
    pub value: u64,
    /// The value as written beside it ("85%", "3").
    pub text: String,
    /// Drawn as a warning (an outlier, a figure that got worse).
    pub warn: bool,
}

/// A horizontal bar chart.
#[component]
pub fn BarChart(
    /// A unique id, for the title and description the drawing is labelled by.
    id: String,
    /// The chart's title.
    title: String,
    /// What it shows, in a sentence.
    description: String,
    /// The bars, top to bottom.
    bars: Vec<ChartBar>,
    /// The value of a full bar (100 for a share in per cent).
    max: u64,
) -> impl IntoView {
    let height = ROW * u32::try_from(bars.len()).unwrap_or(0).max(1);
    let span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    let (title_id, desc_id) = (format!("{id}-title"), format!("{id}-desc"));
    let labelled = format!("{title_id} {desc_id}");
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(i, bar)| {
            let y = ROW * u32::try_from(i).unwrap_or(0);
            let length = bar_length(bar.value, max, span);
            let class = if bar.warn { "chart__bar chart__bar--warn" } else { "chart__bar" };
            view! {
                <g>
                    <text class="chart__label" x="0" y=(y + 16).to_string()>{short(&bar.label)}</text>
                    <rect class=class x=LABEL_WIDTH.to_string() y=(y + 5).to_string() width=length.to_string() height="15" rx="2"></rect>
                    <text class="chart__value" x=(LABEL_WIDTH + length + 4).to_string() y=(y + 16).to_string()>{bar.text}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" role="img" viewBox=format!("0 0 {WIDTH} {height}") aria-labelledby=labelled>
            <title id=title_id>{title}</title>
            <desc id=desc_id>{description}</desc>
            {rows}
        </svg>
    }
}

/// The drawn length of `value` out of `max` over `span` units (a value above the maximum is
/// drawn full; a value of one or more never vanishes).
fn bar_length(value: u64, max: u64, span: u32) -> u32 {
    if value == 0 || max == 0 {
        return 0;
    }
    let length = value.min(max) * u64::from(span) / max;
    u32::try_from(length).unwrap_or(span).max(2)
}

fn short(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_owned();
    }
    let mut cut: String = label.chars().take(LABEL_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// Height of a trend line's drawing, and the room kept above and below the line.
const TREND_HEIGHT: u32 = 72;
const TREND_PAD: u32 = 14;

/// One point of a trend line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendPoint {
    /// What the point stands for (a month), written under the first and the last.
    pub label: String,
    /// Its height against the chart's maximum; `None` breaks the line (nothing to count).
    pub value: Option<u64>,
}

/// A line over time — a figure at the end of each month — with the first and last months
/// named under it and the last value marked.
#[component]
pub fn TrendChart(
    /// A unique id, for the title and description the drawing is labelled by.
    id: String,
    /// The chart's title.
    title: String,
    /// What it shows, in a sentence.
    description: String,
    /// The points, oldest first.
    points: Vec<TrendPoint>,
    /// The value at the top (100 for a share in per cent).
    max: u64,
) -> impl IntoView {
    let (title_id, desc_id) = (format!("{id}-title"), format!("{id}-desc"));
    let labelled = format!("{title_id} {desc_id}");
    let height = TREND_HEIGHT + TREND_PAD;
    let xy: Vec<Option<(u32, u32)>> = points
        .iter()
        .enumerate()
        .map(|(i, p)| p.value.map(|v| (trend_x(i, points.len()), trend_y(v, max))))
        .collect();
    // One polyline per run of points with a value.
    let runs: Vec<String> = xy
        .split(Option::is_none)
        .filter(|run| run.len() > 1)
        .map(|run| run.iter().flatten().map(|(x, y)| format!("{x},{y}")).collect::<Vec<_>>().join(" "))
        .collect();
    let dots = xy
        .iter()
        .flatten()
        .map(
            |(x, y)| view! { <circle class="chart__dot" cx=x.to_string() cy=y.to_string() r="2.5"></circle> },
        )
        .collect_view();
    let first = points.first().map(|p| p.label.clone()).unwrap_or_default();
    let last = points.last().map(|p| p.label.clone()).unwrap_or_default();
    view! {
        <svg class="chart chart--trend" role="img" viewBox=format!("0 0 {WIDTH} {height}") aria-labelledby=labelled>
            <title id=title_id>{title}</title>
            <desc id=desc_id>{description}</desc>
            <line class="chart__axis" x1="4" x2=(WIDTH - 4).to_string() y1=TREND_HEIGHT.to_string() y2=TREND_HEIGHT.to_string()></line>
            {runs.into_iter().map(|points| view! { <polyline class="chart__line" points=points></polyline> }).collect_view()}
            {dots}
            <text class="chart__label" x="4" y=(height - 1).to_string()>{first}</text>
            <text class="chart__label" x=(WIDTH - 4).to_string() y=(height - 1).to_string() text-anchor="end">{last}</text>
        </svg>
    }
}

/// Where the `i`th of `n` points sits across the drawing.
fn trend_x(i: usize, n: usize) -> u32 {
    let span = u64::from(WIDTH - 16);
    let step =
        if n > 1 { span * u64::try_from(i).unwrap_or(0) / u64::try_from(n - 1).unwrap_or(1) } else { span };
    8 + u32::try_from(step).unwrap_or(0)
}

/// Where a value sits up the drawing (the top is `max`; above it is drawn at the top).
fn trend_y(value: u64, max: u64) -> u32 {
    let usable = u64::from(TREND_HEIGHT - 6);
    let up = (value.min(max) * usable).checked_div(max).unwrap_or(0);
    TREND_HEIGHT - u32::try_from(up).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_maximum_and_never_vanish_or_overflow() {
        assert_eq!(bar_length(0, 10, 150), 0);
        assert_eq!(bar_length(10, 10, 150), 150);
        assert_eq!(bar_length(5, 10, 150), 75);
        assert_eq!(bar_length(1, 1000, 150), 2);
        assert_eq!(bar_length(20, 10, 150), 150);
        assert_eq!(bar_length(3, 0, 150), 0);
    }

    #[test]
    fn a_trend_spans_the_drawing_and_tops_out_at_its_maximum() {
        assert_eq!(trend_x(0, 12), 8);
        assert_eq!(trend_x(11, 12), WIDTH - 8);
        assert_eq!(trend_y(0, 100), TREND_HEIGHT);
        assert_eq!(trend_y(100, 100), 6);
        assert_eq!(trend_y(250, 100), 6);
        assert_eq!(trend_y(5, 0), TREND_HEIGHT);
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        assert_eq!(short("Siti Rahmawati"), "Siti Rahmawati");
        assert_eq!(short("Bapas Kelas I Jakarta Barat"), "Bapas Kelas I J…");
        assert_eq!(short("Bapas Kelas I Jakarta Barat").chars().count(), LABEL_CHARS);
    }
}
