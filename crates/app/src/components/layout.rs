//! The frame around every signed-in page: header, navigation (a bottom bar on phones, a side
//! bar from tablet width up) and the language switch.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use pamong_domain::FieldErrors;
use pamong_domain::user::{Abilities, CurrentUser};
use server_fn::ServerFn;

use crate::api::auth::{Logout, SetLanguage};
use crate::components::PostForm;
use crate::i18n::*;
use crate::routes;

/// A navigation destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dest {
    Home,
    Clients,
    Children,
    Partners,
    Groups,
    KerjaSosial,
    Programmes,
    Office,
    Kanwil,
    Bapas,
    Users,
    Account,
}

impl Dest {
    fn href(self) -> &'static str {
        match self {
            Dest::Home => "/",
            Dest::Clients => "/klien",
            Dest::Children => "/abh",
            Dest::Partners => "/mitra",
            Dest::Groups => "/kelompok",
            Dest::KerjaSosial => crate::routes::KERJA_SOSIAL,
            Dest::Programmes => crate::routes::PROGRAMMES,
            Dest::Office => "/kantor",
            Dest::Kanwil => "/admin/kanwil",
            Dest::Bapas => "/admin/bapas",
            Dest::Users => "/admin/pengguna",
            Dest::Account => "/akun",
        }
    }

    fn icon(self) -> &'static str {
        match self {
            Dest::Home => "⌂",
            Dest::Clients => "☰",
            Dest::Children => "◐",
            Dest::Partners => "⚭",
            Dest::Groups => "◎",
            Dest::KerjaSosial => "⚒",
            Dest::Programmes => "✚",
            Dest::Office => "▤",
            Dest::Kanwil => "▦",
            Dest::Bapas => "▣",
            Dest::Users => "☺",
            Dest::Account => "⚙",
        }
    }
}

/// Where the user can go: what the policy lets them read. The server enforces access; this
/// only hides what would be empty. Staff with a Today reach partners from a client's
/// referral or the office page, and coordinators work through their groups, so the phone's
/// bar stays at six destinations at most.
fn destinations(can: &Abilities) -> Vec<Dest> {
    let mut out = vec![Dest::Home];
    let mut add = |when: bool, dest: Dest| {
        if when {
            out.push(dest);
        }
    };
    add(can.clients, Dest::Clients);
    add(can.children, Dest::Children);
    add(can.office_caseload, Dest::Office);
    add(can.coordinate_groups, Dest::Groups);
    // A site's supervisor works there; an officer places and follows clients there. The
    // Kabapas and the admin reach the sites from the office page and the partner directory.
    add(can.supervise_sites || (can.work_sites && can.own_caseload), Dest::KerjaSosial);
    // Officers enrol and run; a partner's user runs what their institution offers. The
    // Kabapas reaches programmes from the office page, the Kanwil and the admin from home.
    add(can.programmes && (can.own_caseload || can.answer_referrals), Dest::Programmes);
    add(can.manage_offices, Dest::Kanwil);
    add(can.bapas_offices, Dest::Bapas);
    add(can.partners && !can.today && !can.coordinate_groups, Dest::Partners);
    add(can.users, Dest::Users);
    out.push(Dest::Account);
    out
}

/// The button that switches between Bahasa Indonesia and English: a form that posts the
/// other language and comes back to this page, rendered in it.
#[component]
pub fn LanguageToggle() -> impl IntoView {
    let i18n = use_i18n();
    let here = {
        let location = use_location();
        let (path, query) = (location.pathname.get_untracked(), location.search.get_untracked());
        if query.is_empty() { path } else { format!("{path}?{query}") }
    };
    let other = match i18n.get_locale_untracked() {
        Locale::id => "en",
        Locale::en => "id",
    };
    let (errors, failure) = (RwSignal::new(FieldErrors::new()), RwSignal::new(None));
    view! {
        <PostForm to=SetLanguage::PATH next=here hidden=vec![("lang", other.to_owned())] scope=None
            errors=errors failure=failure class="lang-form" offline_hint=false>
            <button
                type="submit"
                class="button button--ghost lang-toggle"
                data-testid="lang-toggle"
                aria-label=move || t_string!(i18n, lang_switch_label).to_string()
            >
                <span class="hide-on-phone">{move || t_string!(i18n, lang_switch)}</span>
                <span class="show-on-phone" aria-hidden="true">{move || t_string!(i18n, lang_switch_short)}</span>
            </button>
        </PostForm>
    }
}

/// Signs out: a form that posts, then leads to the login page.
#[component]
pub fn LogoutButton() -> impl IntoView {
    let i18n = use_i18n();
    let (errors, failure) = (RwSignal::new(FieldErrors::new()), RwSignal::new(None));
    view! {
        <PostForm to=Logout::PATH next=routes::LOGIN scope=None errors=errors failure=failure class="logout" offline_hint=false>
            <button type="submit" class="button button--ghost">{move || t_string!(i18n, logout)}</button>
        </PostForm>
    }
}

/// Header and navigation around a signed-in page.
#[component]
pub fn Frame(
    /// The signed-in user.
    user: CurrentUser,
    /// The page.
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let role = user.role;
    let has_today = user.can.today;
    let office = user.bapas.clone().or(user.kanwil.clone()).map(|o| o.name);
    // What this phone may keep offline, and until when; pages mark themselves by it.
    provide_context(crate::offline::KeepUntil(user.session_ends.filter(|_| user.can.keep_offline)));
    let unread = user.unread;
    let bell = view! {
        <a class="button button--ghost bell" href=routes::NOTIFICATIONS data-testid="bell"
            aria-label=move || t_string!(i18n, notif_bell, n = unread).to_string()>
            <svg class="bell__icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
                <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
            </svg>
            {(unread > 0).then(|| view! { <span class="bell__count" aria-hidden="true">{unread.min(99)}</span> })}
        </a>
    };
    let outbox = user.can.keep_offline.then(|| {
        view! { <crate::islands::Outbox user=user.username.clone() list=false texts=outbox_texts(i18n) /> }
    });
    // Shown only on a page the service worker served from its store (it marks `<body>`).
    let as_of = user.can.keep_offline.then(|| {
        let (date, time) = super::local_now();
        // "2026-12-04" as the pages show dates elsewhere: 04/12/2026.
        let date = date.split('-').rev().collect::<Vec<_>>().join("/");
        view! {
            <p class="as-of" data-testid="as-of">{move || t_string!(i18n, offline_as_of, date = date.clone(), time = time.clone())}</p>
        }
    });
    let links = destinations(&user.can)
        .into_iter()
        .map(|dest| {
            let href = dest.href();
            let current = move || {
                let path = location.pathname.get();
                if href == "/" { path == "/" } else { path.starts_with(href) }
            };
            let label = move || match dest {
                Dest::Home if has_today => t_string!(i18n, nav_today).to_string(),
                Dest::Home => t_string!(i18n, nav_home).to_string(),
                Dest::Clients => t_string!(i18n, nav_clients).to_string(),
                Dest::Children => t_string!(i18n, nav_abh).to_string(),
                Dest::Partners => t_string!(i18n, nav_partners).to_string(),
                Dest::Groups => t_string!(i18n, nav_groups).to_string(),
                Dest::KerjaSosial => t_string!(i18n, nav_kerja_sosial).to_string(),
                Dest::Programmes => t_string!(i18n, nav_programmes).to_string(),
                Dest::Office => t_string!(i18n, nav_office).to_string(),
                Dest::Kanwil => t_string!(i18n, nav_kanwil).to_string(),
                Dest::Bapas => t_string!(i18n, nav_bapas).to_string(),
                Dest::Users => t_string!(i18n, nav_users).to_string(),
                Dest::Account => t_string!(i18n, nav_account).to_string(),
            };
            view! {
                <li>
                    <A href=href attr:class="nav__link" attr:aria-current=move || current().then_some("page")>
                        <span class="nav__icon" aria-hidden="true">{dest.icon()}</span>
                        <span class="nav__label">{label}</span>
                    </A>
                </li>
            }
        })
        .collect_view();
    view! {
        <a class="skip-link" href="#main">{move || t_string!(i18n, skip_to_content)}</a>
        <header class="topbar">
            <a class="topbar__brand" href="/">{move || t_string!(i18n, app_name)}</a>
            <div class="topbar__who">
                <span class="topbar__name">{user.full_name.clone()}</span>
                <span class="topbar__role">{move || crate::pages::users::role_label(i18n, role)}{office.clone().map(|o| format!(" · {o}"))}</span>
            </div>
            <div class="topbar__actions">
                {bell}
                {outbox}
                <LanguageToggle />
                <span class="hide-on-phone"><LogoutButton /></span>
            </div>
        </header>
        <div class="layout">
            <nav class="nav" aria-label=move || t_string!(i18n, nav_main).to_string()>
                <ul class="nav__list">{links}</ul>
            </nav>
            <main id="main" class="main" tabindex="-1">{as_of}{children()}</main>
        </div>
    }
}

/// The outbox island's words.
pub fn outbox_texts(i18n: crate::text::I18n) -> crate::islands::OutboxTexts {
    crate::islands::OutboxTexts {
        online: t_string!(i18n, net_online).to_string(),
        offline: t_string!(i18n, net_offline).to_string(),
        waiting: t_string!(i18n, outbox_waiting, n = "{n}").to_string(),
        state_waiting: t_string!(i18n, outbox_state_waiting).to_string(),
        state_sent: t_string!(i18n, outbox_state_sent).to_string(),
        state_refused: t_string!(i18n, outbox_state_refused).to_string(),
        needs_login: t_string!(i18n, outbox_needs_login).to_string(),
        empty: t_string!(i18n, outbox_empty).to_string(),
        fix: t_string!(i18n, outbox_fix).to_string(),
    }
}
