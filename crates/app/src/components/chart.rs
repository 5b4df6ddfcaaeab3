//! Charts drawn on the server as SVG: a title and a description for screen readers, and the
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
    fn long_labels_are_cut_with_an_ellipsis() {
        assert_eq!(short("Siti Rahmawati"), "Siti Rahmawati");
        assert_eq!(short("Bapas Kelas I Jakarta Barat"), "Bapas Kelas I J…");
        assert_eq!(short("Bapas Kelas I Jakarta Barat").chars().count(), LABEL_CHARS);
    }
}
