//! The office's letterhead at the top of a printed document (a Litmas, an hours statement,
//! a letter to the prosecutor).

use leptos::prelude::*;
use pamong_domain::abh::litmas::Letterhead as Office;

/// The ministry, the office's name and its address, centred over a rule.
#[component]
pub fn Letterhead(
    /// The office.
    office: Office,
) -> impl IntoView {
    view! {
        <header class="letterhead">
            <p class="letterhead__ministry">{pamong_domain::abh::litmas::MINISTRY}</p>
            <p class="letterhead__office">{office.name.to_uppercase()}</p>
            <p class="letterhead__address">{office.address.unwrap_or_default()} {office.phone.map(|p| format!(" · Telp. {p}"))}</p>
        </header>
    }
}
