//! Forms that work before (and without) the wasm.
//!
//! A [`PostForm`] is a real `<form method="post">` to its own page. Its fields carry the
//! names of the server fn's arguments in `serde_qs` form (`form[date]`, `id`), and two
//! hidden fields say which server fn it is for ([`ACTION_FIELD`]) and where a success leads
//! ([`NEXT_FIELD`]). The server (`pamong_server::form_post`) runs that server fn with the
//! posted body: on success it redirects (303) to the next page, on failure it renders the
//! same page again with a [`Posted`] in context, from which the form takes back what was
//! typed and shows why it was refused. Pages are rendered on the server only (islands mode),
//! so this is the one way a form is saved; islands inside a form enhance its fields, never
//! its submission.

use std::sync::Arc;

use leptos::context::Provider;
use leptos::prelude::*;
use pamong_domain::FieldErrors;
use serde::{Deserialize, Serialize};

use crate::components::form::show_failure;
use crate::error::AppError;

/// Hidden field: the URL of the server fn a plain post is for.
pub const ACTION_FIELD: &str = "_aksi";
/// Hidden field: where a successful plain post leads.
pub const NEXT_FIELD: &str = "_lanjut";
/// Hidden field of a form the offline outbox may keep: what the post is, in the outbox's list.
pub const OUTBOX_LABEL_FIELD: &str = "_judul";
/// Hidden field of a form the offline outbox may keep: who filled it in. The outbox sends a
/// post only while the same user is signed in on the phone.
pub const OUTBOX_USER_FIELD: &str = "_pengguna";
/// In [`NEXT_FIELD`], stands for the id the server fn answered with (a new record's).
pub const ID_SLOT: &str = crate::routes::NEW_ID;

/// A plain form post that the server refused: which server fn it was for, what was typed,
/// and why. The server puts it in context when it renders the page again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Posted {
    /// The server fn's URL.
    pub to: String,
    /// The posted fields (without the hidden ones and without passwords), in order.
    pub fields: Vec<(String, String)>,
    /// Why it was refused.
    pub error: AppError,
}

impl Posted {
    /// Whether a posted field may be written back into the page: never a password, which
    /// would otherwise travel back in the HTML.
    pub fn keeps(name: &str) -> bool {
        !name.starts_with('_') && !name.contains("password")
    }

    /// The first value posted under `name`.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Every value posted under `name` (ticked checkboxes).
    pub fn values(&self, name: &str) -> Vec<String> {
        self.fields.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect()
    }
}

/// The refused post of this page, until a form takes it.
#[derive(Clone, Copy)]
struct PostedSlot(StoredValue<Option<Posted>>);

/// Makes the refused post (if any) available to the page's forms. Called once at the root
/// of the app, where the form route provided the [`Posted`].
pub fn provide_posted() {
    provide_context(PostedSlot(StoredValue::new(use_context::<Posted>())));
}

/// The refused post if it was for the server fn at `to`. It is read, not taken: the
/// server may build a page's form more than once while its data loads.
pub fn posted_for(to: &str) -> Option<Posted> {
    let PostedSlot(slot) = use_context::<PostedSlot>()?;
    slot.with_value(|p| p.as_ref().filter(|p| p.to == to).cloned())
}

/// Whether this page shows a refused post of the server fn at `to`: a form folded away in a
/// `<details>` opens, so the officer sees why it was refused.
pub fn was_refused(to: &str) -> bool {
    use_context::<PostedSlot>()
        .is_some_and(|PostedSlot(slot)| slot.with_value(|p| p.as_ref().is_some_and(|p| p.to == to)))
}

/// What a form's fields need to know: the argument they belong to and what was posted.
#[derive(Clone)]
struct FormScope {
    scope: Option<&'static str>,
    posted: Option<Arc<Posted>>,
}

impl FormScope {
    fn posted(&self) -> Option<&Posted> {
        self.posted.as_deref()
    }
}

/// The name a field of the enclosing form posts under: `form[date]` for the field `date`
/// of a form whose fields are the server fn's `form` argument.
pub fn posted_name(field: &str) -> String {
    match use_context::<FormScope>().and_then(|s| s.scope) {
        Some(scope) => format!("{scope}[{field}]"),
        None => field.to_owned(),
    }
}

/// The value the refused post held for the field posted as `name`, if this page shows one.
pub fn posted_value(name: &str) -> Option<String> {
    use_context::<FormScope>()?.posted()?.value(name).map(str::to_owned)
}

/// Every value the refused post held for the field posted as `name` (checkboxes).
pub fn posted_values(name: &str) -> Option<Vec<String>> {
    use_context::<FormScope>()?.posted().map(|p| p.values(name))
}

/// A new idempotency key for a form the outbox may keep (pages render on the server only): a
/// double tap saves once, and the outbox puts a key of its own on each post it keeps (a
/// cached form is filled more than once).
pub fn fresh_key() -> String {
    #[cfg(feature = "ssr")]
    return uuid::Uuid::now_v7().to_string();
    #[cfg(not(feature = "ssr"))]
    String::new()
}

/// The record's id as a server fn's `id` argument, when editing one (none when creating).
pub fn id_arg(id: Option<uuid::Uuid>) -> Vec<(&'static str, String)> {
    id.map(|id| ("id", id.to_string())).into_iter().collect()
}

/// A form that posts to its own page and works before the wasm (see the module docs).
#[component]
pub fn PostForm(
    /// The server fn's URL (`<Fn as ServerFn>::PATH`).
    to: &'static str,
    /// Where a success leads without the wasm; [`ID_SLOT`] is replaced by the answered id.
    #[prop(into)]
    next: String,
    /// The server fn's arguments that are not fields of the form (the record's id).
    #[prop(optional)]
    hidden: Vec<(&'static str, String)>,
    /// The server fn's argument that holds the fields (`None` when they are arguments
    /// themselves).
    #[prop(default = Some("form"))]
    scope: Option<&'static str>,
    /// The form's field errors.
    errors: RwSignal<FieldErrors>,
    /// The form's whole-form failure.
    failure: RwSignal<Option<AppError>>,
    /// CSS classes.
    #[prop(default = "form card")]
    class: &'static str,
    /// `data-testid` for the browser tests.
    #[prop(optional)]
    testid: Option<&'static str>,
    /// For a form the offline outbox may keep (it carries an idempotency key among `hidden`):
    /// what the post is, as the outbox lists it. Other forms say offline that they need the
    /// server.
    #[prop(optional, into)]
    outbox: Option<String>,
    /// Whether the form says, offline, what it does then (not the top bar's small forms).
    #[prop(default = true)]
    offline_hint: bool,
    /// The fields.
    children: Children,
) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    // A page may hold one form of a server fn per record (a session per person on a work
    // site's day): a refused post shows in the form of the record it was for.
    let posted = posted_for(to).filter(|p| same_record(p, &hidden)).map(Arc::new);
    if let Some(p) = &posted {
        show_failure(p.error.clone(), errors, failure);
    }
    let path = leptos_router::hooks::use_location().pathname.get_untracked();
    let state = FormScope { scope, posted };
    view! {
        <form class=class method="post" action=path novalidate data-testid=testid>
            <input type="hidden" name=ACTION_FIELD value=to />
            <input type="hidden" name=NEXT_FIELD value=next />
            // Shown only while the phone is offline (`html[data-net=offline]`).
            {offline_hint.then(|| view! {
                <p class="needs-net" data-testid="needs-net">
                    {if outbox.is_some() {
                        crate::i18n::t_string!(i18n, form_outbox).to_string()
                    } else {
                        crate::i18n::t_string!(i18n, form_needs_server).to_string()
                    }}
                </p>
            })}
            {outbox.map(|label| view! {
                <input type="hidden" name=OUTBOX_LABEL_FIELD value=label />
                <input type="hidden" name=OUTBOX_USER_FIELD value=crate::app::use_username().get_untracked() />
            })}
            {hidden.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value /> }).collect_view()}
            <Provider value=state>{children()}</Provider>
        </form>
    }
}

/// The hidden argument carrying the version of the record a form was loaded with (a
/// conflict is a refused post of an older version: it still belongs to the same form).
pub const VERSION_FIELD: &str = "version";

/// Whether a refused post came from the form whose hidden arguments are `hidden`: each
/// posted the same value (the idempotency key, fresh on each render, and the version, newer
/// after a conflict, left out).
fn same_record(posted: &Posted, hidden: &[(&'static str, String)]) -> bool {
    hidden
        .iter()
        .filter(|(name, _)| ![pamong_domain::request_key::KEY_FIELD, VERSION_FIELD].contains(name))
        .all(|(name, value)| posted.value(name).is_none_or(|p| p == value))
}

/// Fields that belong to another of the server fn's arguments than the form's own (a form
/// that posts two structs, such as a child's identity and the case).
#[component]
pub fn Argument(
    /// The argument's name.
    name: &'static str,
    /// Its fields.
    children: Children,
) -> impl IntoView {
    let state = match use_context::<FormScope>() {
        Some(outer) => FormScope { scope: Some(name), ..outer },
        None => FormScope { scope: Some(name), posted: None },
    };
    view! { <Provider value=state>{children()}</Provider> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pamong_domain::ErrorKind;

    #[test]
    fn passwords_and_hidden_fields_are_never_written_back() {
        assert!(Posted::keeps("form[notes]"));
        assert!(!Posted::keeps("form[password]"));
        assert!(!Posted::keeps("new_password"));
        assert!(!Posted::keeps(ACTION_FIELD));
    }

    #[test]
    fn values_are_read_by_their_posted_name() {
        let posted = Posted {
            to: "/api/x".into(),
            fields: vec![
                ("form[kind]".into(), "kunjungan".into()),
                ("form[needs][]".into(), "a".into()),
                ("form[needs][]".into(), "b".into()),
            ],
            error: AppError::Kind(ErrorKind::NotFound),
        };
        assert_eq!(posted.value("form[kind]"), Some("kunjungan"));
        assert_eq!(posted.value("form[date]"), None);
        assert_eq!(posted.values("form[needs][]"), vec!["a".to_owned(), "b".to_owned()]);
    }

    #[test]
    fn a_refused_post_belongs_to_the_form_of_its_record_whatever_its_key_and_version() {
        let posted = |id: &str, version: &str| Posted {
            to: "/api/x".into(),
            fields: vec![
                ("id".into(), id.into()),
                (VERSION_FIELD.into(), version.into()),
                (pamong_domain::request_key::KEY_FIELD.into(), "k1".into()),
            ],
            error: AppError::Kind(ErrorKind::Conflict),
        };
        let form = |id: &str| {
            vec![
                ("id", id.to_owned()),
                (VERSION_FIELD, "v2".to_owned()),
                (pamong_domain::request_key::KEY_FIELD, "k2".to_owned()),
            ]
        };
        assert!(same_record(&posted("a", "v1"), &form("a")), "an older version of the same record");
        assert!(!same_record(&posted("b", "v2"), &form("a")), "another record's form");
    }
}
