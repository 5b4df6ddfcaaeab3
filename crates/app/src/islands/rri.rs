//! The RRI score and band, recomputed as the officer ticks items.

use leptos::prelude::*;
use pamong_domain::reporting::RiskBand;
use pamong_domain::rri::{Answers, Instrument};
use serde::{Deserialize, Serialize};

/// The words of [`RriScore`], translated on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreTexts {
    /// "Skor {score} dari 30": the line with `{score}` where the points go.
    pub score_line: String,
    /// The label of "not scored".
    pub none: String,
    /// Each band's label.
    pub bands: Vec<(RiskBand, String)>,
}

/// The score bar at the top of the RRI form. The server renders it with the score of what
/// the form holds; in the browser it follows every change of the form's answers, scored by
/// the same instrument the server scores with.
#[island]
pub fn RriScore(
    /// The instrument.
    instrument: Instrument,
    /// The name the answers post under (`form[answers]`); item `k` posts as `…[k]`.
    prefix: String,
    /// The answers the page was rendered with.
    answers: Answers,
    /// The words.
    texts: ScoreTexts,
) -> impl IntoView {
    let score_of = {
        let instrument = instrument.clone();
        move |a: &Answers| instrument.score(a).ok()
    };
    let score = RwSignal::new(score_of(&answers));
    let bar = NodeRef::<leptos::html::Div>::new();
    super::dom::follow_form(bar, &["change"], move |form| {
        let answers: Answers = instrument
            .items
            .iter()
            .filter_map(|i| {
                super::dom::posted(form, &format!("{prefix}[{}]", i.key)).map(|v| (i.key.clone(), v))
            })
            .collect();
        score.set(score_of(&answers));
    });
    let ScoreTexts { score_line, none, bands } = texts;
    let band = move || score.get().map(|s| s.band);
    let label = move || {
        band()
            .and_then(|b| bands.iter().find(|(k, _)| *k == b).map(|(_, l)| l.clone()))
            .unwrap_or_else(|| none.clone())
    };
    view! {
        <div class="score-bar" role="status" aria-live="polite" data-testid="rri-score" node_ref=bar>
            <span>{move || score_line.replace("{score}", &score.get().map_or(0, |s| s.total).to_string())}</span>
            <span class=move || crate::text::band_class(band()) data-testid="band-badge">{label}</span>
        </div>
    }
}
