//! Online or offline at a glance, and the outbox of check-ins waiting for a signal.
//!
//! The service worker (`/sw.js`) owns the outbox (in IndexedDB) and the stored pages; this
//! island is its face in the page. It registers the worker, shows whether the phone is
//! online (and marks `<html data-net>` so forms can say what needs the server), asks the
//! worker to send what waits whenever the signal returns, to store the pages this one links
//! to (`a[data-offline]`), and lists what waits, what was sent and what the server refused.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The island's words, translated on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxTexts {
    /// "Daring".
    pub online: String,
    /// "Luring".
    pub offline: String,
    /// "{n} menunggu" (`{n}` is replaced).
    pub waiting: String,
    /// The state of an entry waiting to be sent.
    pub state_waiting: String,
    /// The state of an entry sent.
    pub state_sent: String,
    /// The state of an entry the server refused.
    pub state_refused: String,
    /// Said of waiting entries while the user is signed out.
    pub needs_login: String,
    /// The list when nothing waits and nothing was sent lately.
    pub empty: String,
    /// The button that opens a refused entry's form again, with what was typed.
    pub fix: String,
}

/// One entry of the outbox, as the worker lists it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Entry {
    /// The entry's idempotency key.
    pub key: String,
    /// What it is ("Catat laporan · Budi Santoso").
    pub label: String,
    /// `waiting`, `sent` or `refused`.
    pub state: String,
    /// When it was queued, and when sent (ms since the epoch).
    pub queued_at: f64,
    /// Why it waits or was refused.
    pub note: String,
    /// The page it was posted to.
    pub url: String,
    /// What was posted.
    pub fields: Vec<(String, String)>,
}

/// The connection badge (in the top bar) and, with `list`, the outbox's entries.
#[island]
pub fn Outbox(
    /// The signed-in user's login: entries queued under another login are not sent.
    user: String,
    /// Whether to list the entries (the outbox page) or only count them.
    list: bool,
    /// The words.
    texts: OutboxTexts,
) -> impl IntoView {
    let online = RwSignal::new(true);
    let entries = RwSignal::new(Vec::<Entry>::new());
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| browser::start(user.clone(), online, entries));
    #[cfg(not(feature = "hydrate"))]
    let _ = user;
    let waiting = move || entries.with(|e| e.iter().filter(|e| e.state == "waiting").count());
    let texts = StoredValue::new(texts);
    let badge = move || {
        let state = if online.get() {
            texts.with_value(|t| t.online.clone())
        } else {
            texts.with_value(|t| t.offline.clone())
        };
        match waiting() {
            0 => state,
            n => format!("{state} · {}", texts.with_value(|t| t.waiting.replace("{n}", &n.to_string()))),
        }
    };
    // The outbox page lists the entries; the top bar's badge says the rest.
    if list {
        return view! { <EntryList entries=entries texts=texts /> }.into_any();
    }
    view! {
        <a class="net" href=crate::routes::OUTBOX data-offline="" data-testid="net" class:net--offline=move || !online.get()>
            <span class="net__dot" aria-hidden="true"></span>
            <span aria-live="polite">{badge}</span>
        </a>
    }
    .into_any()
}

/// The outbox's entries, newest first.
#[component]
fn EntryList(entries: RwSignal<Vec<Entry>>, texts: StoredValue<OutboxTexts>) -> impl IntoView {
    let text = move |f: fn(&OutboxTexts) -> &String| texts.with_value(|t| f(t).clone());
    view! {
        <p class="outbox__empty" hidden=move || entries.with(|e| !e.is_empty())>{text(|t| &t.empty)}</p>
        <ul class="outbox" data-testid="outbox-list">
            {move || entries.get().into_iter().map(|e| {
                let state = match e.state.as_str() {
                    "sent" => text(|t| &t.state_sent),
                    "refused" => text(|t| &t.state_refused),
                    _ => text(|t| &t.state_waiting),
                };
                let note = match e.note.as_str() {
                    "" => None,
                    "login" => Some(text(|t| &t.needs_login)),
                    other => Some(other.to_owned()),
                };
                let fix = (e.state == "refused").then(|| view! {
                    <form method="post" action=e.url.clone() data-drop=e.key.clone()>
                        {e.fields.iter().map(|(k, v)| view! { <input type="hidden" name=k.clone() value=v.clone() /> }).collect_view()}
                        <button class="button button--secondary" type="submit">{text(|t| &t.fix)}</button>
                    </form>
                });
                view! {
                    <li class=format!("outbox__entry outbox__entry--{}", e.state) data-state=e.state.clone()>
                        <span class="outbox__label">{e.label}</span>
                        <span class="outbox__meta">{state} " · " {clock(e.queued_at)}</span>
                        {note.map(|n| view! { <span class="outbox__note">{n}</span> })}
                        {fix}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// "3/12 10.15" in the phone's own time.
fn clock(ms: f64) -> String {
    #[cfg(feature = "hydrate")]
    {
        let d = js_sys::Date::new(&ms.into());
        format!("{}/{} {:02}.{:02}", d.get_date(), d.get_month() + 1, d.get_hours(), d.get_minutes())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ms;
        String::new()
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use js_sys::{Array, Object, Reflect};
    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{MessageEvent, ServiceWorkerRegistration};

    use super::Entry;
    use crate::islands::dom::listen;

    /// The service worker's address (served by the server, scope `/`).
    const WORKER: &str = "/sw.js";

    pub fn start(user: String, online: RwSignal<bool>, entries: RwSignal<Vec<Entry>>) {
        let Some(window) = web_sys::window() else { return };
        let navigator = window.navigator();
        let container = navigator.service_worker();
        // Registering again is a no-op; a browser without service workers still shows the badge.
        let _ = container.register(WORKER);
        // A listener each (the badge and the outbox page's list are two islands); messages
        // flow to listeners once `startMessages()` is called (web-sys does not bind it).
        listen(&container, "message", move |event| {
            if let Some(list) = event.dyn_ref::<MessageEvent>().and_then(|m| entries_of(&m.data())) {
                entries.set(list);
            }
        });
        if let Ok(start) = Reflect::get(&container, &"startMessages".into())
            && let Ok(start) = start.dyn_into::<js_sys::Function>()
        {
            let _ = start.call0(&container);
        }

        let now_online = navigator.on_line();
        set_online(online, now_online);
        for (name, state) in [("online", true), ("offline", false)] {
            let user = user.clone();
            listen(&window, name, move |_| {
                set_online(online, state);
                if state {
                    send(message("flush", &user));
                }
            });
        }
        send(message("list", &user));
        if now_online {
            send(message("flush", &user));
            send(prefetch());
        }
        on_drop_submit(&window);
    }

    fn set_online(online: RwSignal<bool>, state: bool) {
        online.set(state);
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("data-net", if state { "online" } else { "offline" });
        }
    }

    /// A refused entry opened again leaves the outbox: the form it opens holds what was typed.
    fn on_drop_submit(window: &web_sys::Window) {
        let Some(document) = window.document() else { return };
        listen(&document, "submit", move |event| {
            let key = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|form| form.get_attribute("data-drop"));
            if let Some(key) = key {
                let drop = message("drop", "");
                let _ = Reflect::set(&drop, &"key".into(), &key.into());
                send(drop);
            }
        });
    }

    fn message(kind: &str, user: &str) -> JsValue {
        let m = Object::new();
        let _ = Reflect::set(&m, &"type".into(), &kind.into());
        let _ = Reflect::set(&m, &"user".into(), &user.into());
        m.into()
    }

    /// Asks the worker to store the pages this one links to for offline reading.
    fn prefetch() -> JsValue {
        let urls = Array::new();
        if let Some(links) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector_all("a[data-offline]").ok())
        {
            for i in 0..links.length() {
                if let Some(href) = links
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                    .and_then(|a| a.get_attribute("href"))
                {
                    urls.push(&href.into());
                }
            }
        }
        let m = message("prefetch", "");
        let _ = Reflect::set(&m, &"urls".into(), &urls);
        m
    }

    /// Posts to the active worker once it is ready.
    fn send(message: JsValue) {
        leptos::task::spawn_local(async move {
            let Some(window) = web_sys::window() else { return };
            let Ok(ready) = window.navigator().service_worker().ready() else { return };
            let Ok(registration) = JsFuture::from(ready).await else { return };
            let registration: ServiceWorkerRegistration = registration.unchecked_into();
            if let Some(worker) = registration.active() {
                let _ = worker.post_message(&message);
            }
        });
    }

    fn text(object: &JsValue, key: &str) -> String {
        Reflect::get(object, &key.into()).ok().and_then(|v| v.as_string()).unwrap_or_default()
    }

    /// `{type: "outbox", entries: [...]}` from the worker.
    fn entries_of(data: &JsValue) -> Option<Vec<Entry>> {
        if text(data, "type") != "outbox" {
            return None;
        }
        let list: Array = Reflect::get(data, &"entries".into()).ok()?.dyn_into().ok()?;
        Some(
            list.iter()
                .map(|e| Entry {
                    key: text(&e, "key"),
                    label: text(&e, "label"),
                    state: text(&e, "state"),
                    queued_at: Reflect::get(&e, &"queuedAt".into())
                        .ok()
                        .and_then(|v| v.as_f64())
                        .unwrap_or(0.0),
                    note: text(&e, "note"),
                    url: text(&e, "url"),
                    fields: Reflect::get(&e, &"fields".into())
                        .ok()
                        .and_then(|f| f.dyn_into::<Array>().ok())
                        .map(|pairs| {
                            pairs
                                .iter()
                                .filter_map(|p| p.dyn_into::<Array>().ok())
                                .map(|p| {
                                    (
                                        p.get(0).as_string().unwrap_or_default(),
                                        p.get(1).as_string().unwrap_or_default(),
                                    )
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                })
                .collect(),
        )
    }
}
