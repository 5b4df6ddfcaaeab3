//! `POST /masuk`: the login form as a plain HTML form post. A phone on mobile data shows the
//! server-rendered login page seconds before the wasm has loaded; a tap on *Masuk* in that
//! time posts the form here (never a GET with the password in the URL). The answer is a
//! redirect: home when signed in, the second step when a code (or enrolling a key) comes
//! next, back to the login page with the reason otherwise.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Form, FromRequest, Request, State};
use axum::response::Redirect;
use pamong_app::api::auth::sign_in;
use pamong_app::api::context::{ServerContext, client_ip_of};
use pamong_app::pages::login::{
    FAILED_CREDENTIALS, FAILED_EMPTY, FAILED_KEY, FAILED_LIMIT, LOGIN_POST, USER_KEY, WAIT_KEY,
};
use pamong_app::routes;
use pamong_domain::ErrorKind;
use pamong_domain::second_factor::LoginStep;
use serde::Deserialize;
use tower_sessions::Session;

/// The form's fields; a missing one is read as empty (and refused as bad credentials).
#[derive(Debug, Default, Deserialize)]
pub struct LoginFields {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
}

/// Signs in and redirects (303, so the browser follows with a GET and a reload does not
/// post the password again).
pub async fn post_login(State(ctx): State<ServerContext>, session: Session, request: Request) -> Redirect {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let ip = client_ip_of(peer, request.headers());
    let Ok(Form(fields)) = Form::<LoginFields>::from_request(request, &()).await else {
        return Redirect::to(&format!("{LOGIN_POST}?{FAILED_KEY}={FAILED_CREDENTIALS}"));
    };
    // The username comes back to the form (bounded, so the URL stays short); the password never.
    let kept: String = fields.username.trim().chars().take(64).collect();
    let user = form_urlencoded::byte_serialize(kept.as_bytes()).collect::<String>();
    if kept.is_empty() || fields.password.is_empty() {
        return Redirect::to(&format!("{LOGIN_POST}?{FAILED_KEY}={FAILED_EMPTY}&{USER_KEY}={user}"));
    }
    match sign_in(&ctx, &session, &fields.username, &fields.password, ip).await {
        Ok(LoginStep::SignedIn) => Redirect::to(routes::HOME),
        Ok(LoginStep::Code) => Redirect::to(routes::LOGIN_CODE),
        Ok(LoginStep::Enrol) => Redirect::to(routes::LOGIN_ENROL),
        Err(e) => {
            let failed = match e.into_kind(None) {
                ErrorKind::RateLimited { retry_after_secs } => {
                    format!("{FAILED_LIMIT}&{WAIT_KEY}={retry_after_secs}")
                }
                ErrorKind::BadCredentials => FAILED_CREDENTIALS.to_owned(),
                _ => "galat".to_owned(),
            };
            Redirect::to(&format!("{LOGIN_POST}?{FAILED_KEY}={failed}&{USER_KEY}={user}"))
        }
    }
}
