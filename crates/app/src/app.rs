//! The application root: the HTML shell, routes, the signed-in user and error pages.

use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::components::{Outlet, ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::{SsrMode, path};
use pamong_domain::ErrorKind;
use pamong_domain::user::{Abilities, CurrentUser};

use crate::api::auth::me;
use crate::components::PageTitle;
use crate::components::layout::Frame;
use crate::error::AppError;
use crate::i18n::*;
use crate::pages;
use crate::text;

/// The signed-in user, loaded once per page load and shared through context.
#[derive(Clone, Copy)]
pub struct Me(pub Resource<Result<Option<CurrentUser>, AppError>>);

/// What the signed-in user may do, as the server's policy answered it (nothing while loading
/// or signed out). Pages show and hide by this, never by the role.
pub fn use_abilities() -> Signal<Abilities> {
    let Me(user) = expect_context::<Me>();
    Signal::derive(move || match user.get() {
        Some(Ok(Some(u))) => u.can,
        _ => Abilities::default(),
    })
}

/// The signed-in user's login name (empty while loading or signed out).
pub fn use_username() -> Signal<String> {
    let user = use_context::<Me>().map(|Me(user)| user);
    Signal::derive(move || match user.and_then(|u| u.get()) {
        Some(Ok(Some(u))) => u.username,
        _ => String::new(),
    })
}

/// The whole HTML document, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    content_security_policy();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0b5d4b" />
                <link rel="stylesheet" href=stylesheet() />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="manifest" href="/manifest.webmanifest" />
                {scripts().then(|| view! { <HydrationScripts options islands=true /> })}
                <MetaTags />
            </head>
            <body>
                <App />
                <crate::islands::Enhanced />
            </body>
        </html>
    }
}

/// The style sheet's address: its content-hashed copy when the build made one. (The shell
/// renders on the server only.)
fn stylesheet() -> String {
    #[cfg(feature = "ssr")]
    if let Some(ctx) = use_context::<crate::api::context::ServerContext>() {
        return ctx.stylesheet.to_string();
    }
    "/pkg/pamong.css".to_owned()
}

/// Whether the page loads the browser app (the shell renders on the server only).
fn scripts() -> bool {
    #[cfg(feature = "ssr")]
    if let Some(ctx) = use_context::<crate::api::context::ServerContext>() {
        return ctx.scripts;
    }
    true
}

/// Sends this page's Content-Security-Policy: scripts only from this origin or carrying
/// this response's nonce (Leptos puts it on the hydration and streaming scripts), wasm
/// compiled by the browser, nothing framed, no plugins, forms only to this origin. An
/// injected `<script>` in a note or a name then does not run.
#[cfg(feature = "ssr")]
fn content_security_policy() {
    let (Some(nonce), Some(response)) =
        (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action 'self'"
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

/// The application: translations, the signed-in user, and the routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    crate::components::post::provide_posted();
    provide_request_code();
    let user = Resource::new(|| (), |_| me());
    provide_context(Me(user));
    // Bahasa Indonesia unless the user chose English (remembered in a cookie): the browser's
    // Accept-Language is ignored, since officers' phones are often set to English.
    let language_source = leptos_i18n::context::UseLocalesOptions::default().ssr_lang_header_getter(|| None);
    view! {
        <I18nContextProvider ssr_lang_header_getter=language_source>
            <Router>
                <Routes fallback=|| view! { <ErrorPage error=AppError::Kind(ErrorKind::NotFound) /> }>
                    // Async: the whole page is rendered before the first byte is sent, so a
                    // page can still answer 404 or redirect to the login after loading data.
                    <Route path=path!("/masuk") view=pages::login::LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/masuk/kode") view=pages::second_factor::CodePage ssr=SsrMode::Async />
                    <Route path=path!("/masuk/aktifkan") view=pages::second_factor::LoginEnrolPage ssr=SsrMode::Async />
                    <ParentRoute path=path!("") view=SignedIn ssr=SsrMode::Async>
                        <Route path=path!("") view=pages::home::HomePage ssr=SsrMode::Async />
                        <Route path=path!("akun") view=pages::account::AccountPage ssr=SsrMode::Async />
                        <Route path=path!("akun/dua-langkah") view=pages::second_factor::EnrolPage ssr=SsrMode::Async />
                        <Route path=path!("akun/kode-pemulihan") view=pages::second_factor::RecoveryCodesPage ssr=SsrMode::Async />
                        <Route path=path!("kotak-keluar") view=pages::outbox::OutboxPage ssr=SsrMode::Async />
                        <Route path=path!("klien") view=pages::clients::list::ClientListPage ssr=SsrMode::Async />
                        <Route path=path!("klien/:id") view=ClientRoute ssr=SsrMode::Async />
                        <Route path=path!("klien/:id/ubah") view=pages::clients::edit::ClientEditPage ssr=SsrMode::Async />
                        <Route path=path!("klien/:id/lapor") view=pages::clients::records::ReportPage ssr=SsrMode::Async />
                        <Route path=path!("klien/:id/rri") view=pages::clients::assessment::AssessmentPage ssr=SsrMode::Async />
                        <Route path=path!("klien/:id/bimbingan") view=pages::clients::records::GuidancePage ssr=SsrMode::Async />
                        <Route path=path!("klien/:id/pelanggaran") view=pages::clients::records::ViolationPage ssr=SsrMode::Async />
                        <Route path=path!("klien/:id/status") view=pages::clients::records::StatusPage ssr=SsrMode::Async />
                        <Route path=path!("klien/:id/data") view=pages::clients::subject::SubjectExportPage ssr=SsrMode::Async />
                        <Route path=path!("kantor") view=pages::clients::office::OfficePage ssr=SsrMode::Async />
                        <Route path=path!("kantor/impor") view=pages::clients::import::ImportsPage ssr=SsrMode::Async />
                        <Route path=path!("kantor/impor/:id") view=pages::clients::import::ImportPage ssr=SsrMode::Async />
                        <Route path=path!("kantor/akses") view=pages::abh::access::AccessLogPage ssr=SsrMode::Async />
                        <Route path=path!("kantor/ekspor") view=pages::logs::ExportLogPage ssr=SsrMode::Async />
                        <Route path=path!("pemberitahuan") view=pages::notifications::NotificationsPage ssr=SsrMode::Async />
                        <Route path=path!("kantor/audit") view=pages::logs::AuditLogPage ssr=SsrMode::Async />
                        <Route path=path!("abh") view=pages::abh::AbhPage ssr=SsrMode::Async />
                        <Route path=path!("abh/baru") view=pages::abh::register::AbhRegisterPage ssr=SsrMode::Async />
                        <Route path=path!("abh/litmas/:id") view=pages::abh::litmas::LitmasPage ssr=SsrMode::Async />
                        <Route path=path!("abh/litmas/:id/cetak") view=pages::abh::litmas::LitmasPrintPage ssr=SsrMode::Async />
                        <Route path=path!("abh/:id") view=pages::abh::case::AbhCasePage ssr=SsrMode::Async />
                        <Route path=path!("abh/:id/litmas") view=pages::abh::forms::LitmasRequestPage ssr=SsrMode::Async />
                        <Route path=path!("abh/:id/tahap") view=pages::abh::forms::StagePage ssr=SsrMode::Async />
                        <Route path=path!("abh/:id/diversi") view=pages::abh::forms::DiversionPage ssr=SsrMode::Async />
                        <Route path=path!("abh/:id/pelanggaran") view=pages::abh::forms::BreachPage ssr=SsrMode::Async />
                        <Route path=path!("abh/:id/catatan") view=pages::abh::forms::EventPage ssr=SsrMode::Async />
                        <Route path=path!("kelompok") view=pages::groups::GroupListPage ssr=SsrMode::Async />
                        <Route path=path!("kelompok/:id") view=GroupRoute ssr=SsrMode::Async />
                        <Route path=path!("kelompok/:id/anggota") view=pages::groups::forms::MemberPage ssr=SsrMode::Async />
                        <Route path=path!("kelompok/:id/rapat") view=pages::groups::forms::MeetingPage ssr=SsrMode::Async />
                        <Route path=path!("kebutuhan") view=pages::reintegration::map::NeedsMapPage ssr=SsrMode::Async />
                        <Route path=path!("rencana-aksi") view=pages::reintegration::plans::PlansPage ssr=SsrMode::Async />
                        <Route path=path!("peduli") view=pages::reintegration::peduli::PeduliPage ssr=SsrMode::Async />
                        <Route path=path!("dasbor") view=pages::oversight::dashboard::DashboardPage ssr=SsrMode::Async />
                        <Route path=path!("dasbor/:vital") view=pages::oversight::vital_list::VitalListPage ssr=SsrMode::Async />
                        <Route path=path!("dasbor-wilayah") view=pages::oversight::region::RegionPage ssr=SsrMode::Async />
                        <Route path=path!("evaluasi") view=pages::oversight::evaluation::EvaluationPage ssr=SsrMode::Async />
                        <Route path=path!("metodologi") view=pages::oversight::methodology::MethodologyPage ssr=SsrMode::Async />
                        <Route path=path!("laporan-bulanan") view=pages::reintegration::report::MonthlyReportPage ssr=SsrMode::Async />
                        <Route path=path!("program") view=pages::reintegration::programmes::ProgrammeListPage ssr=SsrMode::Async />
                        <Route path=path!("program/baru") view=pages::reintegration::edit::ProgrammeEditPage ssr=SsrMode::Async />
                        <Route path=path!("program/:id") view=pages::reintegration::programme::ProgrammePage ssr=SsrMode::Async />
                        <Route path=path!("program/:id/ubah") view=pages::reintegration::edit::ProgrammeEditPage ssr=SsrMode::Async />
                        <Route path=path!("kerja-sosial") view=pages::kerja_sosial::KerjaSosialPage ssr=SsrMode::Async />
                        <Route path=path!("kerja-sosial/lokasi/baru") view=pages::kerja_sosial::edit::SiteEditPage ssr=SsrMode::Async />
                        <Route path=path!("kerja-sosial/lokasi/:id") view=pages::kerja_sosial::site::SitePage ssr=SsrMode::Async />
                        <Route path=path!("kerja-sosial/lokasi/:id/ubah") view=pages::kerja_sosial::edit::SiteEditPage ssr=SsrMode::Async />
                        <Route path=path!("kerja-sosial/penempatan/:id/pernyataan") view=pages::kerja_sosial::print::StatementPage ssr=SsrMode::Async />
                        <Route path=path!("kerja-sosial/penempatan/:id/surat-jaksa") view=pages::kerja_sosial::print::LetterPage ssr=SsrMode::Async />
                        <Route path=path!("mitra") view=pages::partners::PartnerListPage ssr=SsrMode::Async />
                        <Route path=path!("mitra/:id") view=PartnerRoute ssr=SsrMode::Async />
                        <Route path=path!("mitra/:id/ubah") view=pages::partners::edit::PartnerEditPage ssr=SsrMode::Async />
                        <Route path=path!("pks/:id") view=pages::partners::agreement::AgreementRoute ssr=SsrMode::Async />
                        <Route path=path!("pks/:id/ubah") view=pages::partners::agreement::AgreementEditPage ssr=SsrMode::Async />
                        <Route path=path!("admin/pilihan-mitra") view=pages::partners::choices::PartnerChoicesPage ssr=SsrMode::Async />
                        <Route path=path!("admin/kanwil") view=pages::kanwil::KanwilListPage ssr=SsrMode::Async />
                        <Route path=path!("admin/kanwil/:id") view=pages::kanwil::KanwilEditPage ssr=SsrMode::Async />
                        <Route path=path!("admin/bapas") view=pages::bapas::BapasListPage ssr=SsrMode::Async />
                        <Route path=path!("admin/bapas/:id") view=pages::bapas::BapasEditPage ssr=SsrMode::Async />
                        <Route path=path!("admin/pengguna") view=pages::users::UserListPage ssr=SsrMode::Async />
                        <Route path=path!("admin/pengguna/:id") view=pages::users::UserEditPage ssr=SsrMode::Async />
                    </ParentRoute>
                </Routes>
            </Router>
        </I18nContextProvider>
    }
}

/// `/klien/baru` is the registration form; any other `/klien/:id` is a client's page.
#[component]
fn ClientRoute() -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    move || {
        if params.with(|p| p.get("id")).as_deref() == Some("baru") {
            view! { <pages::clients::edit::ClientEditPage /> }.into_any()
        } else {
            view! { <pages::clients::detail::ClientDetailPage /> }.into_any()
        }
    }
}

/// `/kelompok/:id`: the new-group form for `baru`, otherwise the group's page.
#[component]
fn GroupRoute() -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    move || {
        if params.with(|p| p.get("id")).as_deref() == Some("baru") {
            view! { <pages::groups::forms::NewGroupPage /> }.into_any()
        } else {
            view! { <pages::groups::detail::GroupPage /> }.into_any()
        }
    }
}

/// `/mitra/:id`: the editor for `baru`, otherwise the partner's page.
#[component]
fn PartnerRoute() -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    move || {
        if params.with(|p| p.get("id")).as_deref() == Some("baru") {
            view! { <pages::partners::edit::PartnerEditPage /> }.into_any()
        } else {
            view! { <pages::partners::detail::PartnerPageView /> }.into_any()
        }
    }
}

/// Pages for signed-in users: sends everyone else to the login page.
#[component]
fn SignedIn() -> impl IntoView {
    let Me(user) = expect_context::<Me>();
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(Some(user)) => view! { <Frame user=user><Outlet /></Frame> }.into_any(),
                    Ok(None) => view! { <Redirect path="/masuk" /> }.into_any(),
                    Err(error) => view! { <ErrorPage error=error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Shown while data loads.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="loading" aria-live="polite">{move || t_string!(i18n, loading)}</p> }
}

/// A page-level error with the right HTTP status during server rendering: 404 for "not
/// found" (which includes "not yours"), a redirect to log in for an expired session, 500 for
/// an internal error (with its request id).
#[component]
pub fn ErrorPage(
    /// What went wrong.
    error: AppError,
) -> impl IntoView {
    let i18n = use_i18n();
    if matches!(error, AppError::Kind(ErrorKind::Unauthenticated)) {
        return view! { <Redirect path="/masuk" /> }.into_any();
    }
    let not_found = matches!(error, AppError::Kind(ErrorKind::NotFound));
    // A page whose address holds something unusable (a search far too long, say): the
    // reader's input, not the server, so 422 and what is wrong with it.
    let invalid = error.field_errors().map(|e| e.0.iter().map(|f| f.problem).collect::<Vec<_>>());
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        let status = match (not_found, &invalid) {
            (true, _) => http::StatusCode::NOT_FOUND,
            (false, Some(_)) => http::StatusCode::UNPROCESSABLE_ENTITY,
            (false, None) => http::StatusCode::INTERNAL_SERVER_ERROR,
        };
        response.set_status(status);
    }
    if let Some(problems) = invalid {
        let path = leptos_router::hooks::use_location().pathname.get_untracked();
        return view! {
            <PageTitle text=move || t_string!(i18n, error_summary_title).to_string() />
            <section class="error-page" data-testid="error-page">
                <h1>{move || t_string!(i18n, error_summary_title)}</h1>
                <p>{move || t_string!(i18n, invalid_request_body)}</p>
                <ul>{problems.into_iter().map(|p| view! { <li>{text::problem(i18n, p)}</li> }).collect_view()}</ul>
                <a class="button" href=path>{move || t_string!(i18n, start_over)}</a>
            </section>
        }
        .into_any();
    }
    let code = request_id_of(&error).or_else(request_code);
    let title = move || {
        if not_found {
            t_string!(i18n, not_found_title).to_string()
        } else {
            t_string!(i18n, internal_title).to_string()
        }
    };
    let body = move || {
        if not_found { t_string!(i18n, not_found_body).to_string() } else { text::error(i18n, &error) }
    };
    view! {
        <PageTitle text=title />
        <section class="error-page" data-testid="error-page">
            <h1>{title}</h1>
            <p>{body}</p>
            {code.map(|id| view! { <p class="error-page__code">{move || t_string!(i18n, request_id, id = id.clone())}</p> })}
            <a class="button" href="/">{move || t_string!(i18n, go_home)}</a>
        </section>
    }
    .into_any()
}

/// The request id an internal error carries.
fn request_id_of(error: &AppError) -> Option<String> {
    match error {
        AppError::Kind(ErrorKind::Internal { request_id }) => request_id.clone(),
        _ => None,
    }
}

/// The id of the request the page was rendered for, until the page runs in the browser.
#[derive(Clone, Copy)]
struct RequestCode(StoredValue<Option<String>>);

/// Carries the rendered request's id into the hydrated page, so an error page shows the
/// same code on both sides. Made once at the root: a value made inside a page's suspense
/// may be made twice on the server. After hydration the code is dropped, since an error
/// page reached by a later navigation belongs to no page request.
fn provide_request_code() {
    let code = StoredValue::new(SharedValue::new(current_request_id).into_inner());
    Effect::new(move |_| code.set_value(None));
    provide_context(RequestCode(code));
}

/// The rendered request's id, while the page is rendered or hydrated.
fn request_code() -> Option<String> {
    use_context::<RequestCode>().and_then(|RequestCode(code)| code.get_value())
}

/// The id of the request being rendered (server only).
fn current_request_id() -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>().and_then(|parts| {
            parts.headers.get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_owned)
        })
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}
