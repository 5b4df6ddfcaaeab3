//! The page's `<title>`, safe to render under load.

use leptos::prelude::*;

/// Sets the document title. Every page uses this rather than `leptos_meta::Title`.
///
/// leptos_meta reads a title's text when it writes the `<head>`, which on the server can
/// happen after the page's reactive owner has been disposed; a text that reads a signal (the
/// locale, a resource) then panics with "Tried to access a reactive value that has already
/// been disposed" — the soak of issue 10 saw it in 0.27 % of requests. So on the server the
/// text is read once, here, while the owner is alive, and handed on as plain text. In the
/// browser it stays reactive, so switching the language retitles the page.
#[component]
pub fn PageTitle(
    /// The title, usually a closure over the translations.
    #[prop(into)]
    text: TextProp,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let text = TextProp::from(text.get().into_owned());
    view! { <leptos_meta::Title text=text /> }
}
