//! A warning that the person being registered may already be a client.

use leptos::prelude::*;
use pamong_domain::caseload::SimilarClients;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The words of [`DuplicateCheck`], translated on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimilarTexts {
    /// The warning's title.
    pub title: String,
    /// "{count} more elsewhere", with `{count}` where the number goes.
    pub elsewhere: String,
}

/// Once a name (three letters or more) and a birth date are typed, asks the server for
/// clients with that birth date and a similar name and warns before the save. The server
/// renders what it found for a refused post; the browser checks again on every change of
/// either field.
#[island]
pub fn DuplicateCheck(
    /// The names the full name and the birth date post under.
    names: (String, String),
    /// The client being edited (not a duplicate of itself).
    exclude: Option<Uuid>,
    /// What the server found for the form as rendered.
    found: SimilarClients,
    /// The words.
    texts: SimilarTexts,
) -> impl IntoView {
    let found = RwSignal::new(found);
    let anchor = NodeRef::<leptos::html::Div>::new();
    super::dom::follow_form(anchor, &["change"], move |form| {
        let name = super::dom::posted(form, &names.0).unwrap_or_default();
        let date = super::dom::posted(form, &names.1).and_then(|d| pamong_domain::client::parse_date(&d));
        leptos::task::spawn_local(async move {
            found.set(match lookup(name, date) {
                Some((name, date)) => {
                    crate::api::clients::find_similar_clients(name, date, exclude).await.unwrap_or_default()
                }
                None => SimilarClients::default(),
            });
        });
    });
    let texts = StoredValue::new(texts);
    view! {
        <div node_ref=anchor>
            {move || {
                let s = found.get();
                (!s.visible.is_empty() || s.elsewhere > 0).then(|| {
                    let (title, elsewhere) = texts.with_value(|t| (t.title.clone(), t.elsewhere.replace("{count}", &s.elsewhere.to_string())));
                    view! {
                        <div class="notice notice--warning" role="alert" data-testid="similar-warning">
                            <p><strong>{title}</strong></p>
                            <ul>
                                {s.visible
                                    .into_iter()
                                    .map(|c| view! { <li><a href=crate::routes::client(c.id) target="_blank">{c.full_name} " · " {c.register_number}</a></li> })
                                    .collect_view()}
                            </ul>
                            {(s.elsewhere > 0).then(|| view! { <p>{elsewhere}</p> })}
                        </div>
                    }
                })
            }}
        </div>
    }
}

/// What to look up: a name of three letters or more and a birth date, or nothing.
pub fn lookup(name: String, date: Option<time::Date>) -> Option<(String, time::Date)> {
    date.filter(|_| name.trim().chars().count() >= 3).map(|d| (name, d))
}
