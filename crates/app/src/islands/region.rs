//! The client's village, picked province → kabupaten/kota → kecamatan → kelurahan/desa.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::clients::{RegionChoice, region_children};

/// The words of [`RegionPicker`], translated on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionTexts {
    /// The four levels' labels, province first.
    pub levels: Vec<String>,
    /// The label of the typed code.
    pub code: String,
    /// Its hint (the code's shape).
    pub code_hint: String,
}

/// The village code, posted under `name`. The server renders a field to type the code in
/// (which is what a phone without the wasm posts); once the wasm runs it becomes one select
/// per level, each fetched as the level above is chosen, unless no region list is loaded.
#[island]
pub fn RegionPicker(
    /// The name the code posts under.
    name: String,
    /// The code the form holds.
    code: String,
    /// The words.
    texts: RegionTexts,
) -> impl IntoView {
    let value = RwSignal::new(code.clone());
    let prefix = |depth: usize| -> String {
        if code.is_empty() {
            String::new()
        } else {
            code.split('.').take(depth).collect::<Vec<_>>().join(".")
        }
    };
    let levels: [RwSignal<String>; 4] = [
        RwSignal::new(prefix(1)),
        RwSignal::new(prefix(2)),
        RwSignal::new(prefix(3)),
        RwSignal::new(code.clone()),
    ];
    let options = |parent: Option<RwSignal<String>>| {
        LocalResource::new(move || {
            let parent = parent.map(|p| p.get());
            async move {
                match parent {
                    Some(p) if p.is_empty() => Ok(Vec::new()),
                    Some(p) => region_children(p).await,
                    None => region_children(String::new()).await,
                }
            }
        })
    };
    let lists = [options(None), options(Some(levels[0])), options(Some(levels[1])), options(Some(levels[2]))];
    let mounted = crate::components::use_mounted();
    let choose = move |depth: usize, code: String| {
        levels[depth].set(code.clone());
        for deeper in levels.iter().skip(depth + 1) {
            deeper.set(String::new());
        }
        value.set(if depth == 3 { code } else { String::new() });
    };
    // Stored, so the closures below are `Copy` and can be called again as levels change.
    let texts = StoredValue::new(texts);
    let name = StoredValue::new(name);
    let typed = move || {
        let (label, hint) = texts.with_value(|t| (t.code.clone(), t.code_hint.clone()));
        view! {
            <label class="field__label" for="f-region_code">{label}</label>
            <p class="field__hint">{hint}</p>
            <input class="input" id="f-region_code" name=name.get_value() value=value.get_untracked() autocomplete="off" />
        }
    };
    let level_select = move |depth: usize| {
        let list = lists[depth];
        let label = texts.with_value(|t| t.levels.get(depth).cloned().unwrap_or_default());
        let shown = move || depth == 0 || !levels[depth - 1].get().is_empty();
        let id = StoredValue::new(format!("region-{depth}"));
        view! {
            <Show when=shown>
                <label class="field__label" for=id.get_value()>{label.clone()}</label>
                <Transition>
                    {move || Suspend::new(async move {
                        let current = levels[depth].get_untracked();
                        let items = list.await.unwrap_or_default();
                        view! {
                            <select class="input input--select" id=id.get_value() data-testid=id.get_value()
                                on:change=move |ev| choose(depth, event_target_value(&ev))>
                                <option value="">"—"</option>
                                {items
                                    .into_iter()
                                    .map(|RegionChoice { code, name }| {
                                        let selected = code == current;
                                        view! { <option value=code selected=selected>{name}</option> }
                                    })
                                    .collect_view()}
                            </select>
                        }
                    })}
                </Transition>
            </Show>
        }
    };
    view! {
        <Show when=move || mounted.get() fallback=typed>
            <Suspense>
                {move || Suspend::new(async move {
                    // Without a loaded region list the code is typed.
                    if lists[0].await.unwrap_or_default().is_empty() {
                        typed().into_any()
                    } else {
                        view! {
                            <input type="hidden" name=name.get_value() prop:value=move || value.get() />
                            {(0..4).map(level_select).collect_view()}
                        }
                        .into_any()
                    }
                })}
            </Suspense>
        </Show>
    }
}
