//! `POST /kantor/unggah-impor`: the client import's file, as a multipart form post. A file
//! does not fit a server fn's form body, so the server takes it here, hands it to the import
//! service and redirects: to the import's preview, or back to the imports page saying why
//! the file cannot be imported. It works without the wasm, as every form does.

use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use pamong_app::api::context::signed_in_with;
use pamong_app::routes;
use pamong_domain::ErrorKind;
use pamong_domain::import::{FileProblem, MAX_FILE_BYTES};
use pamong_service::clients::import::{self, Uploaded};
use tower_sessions::Session;

use crate::startup::AppState;

/// The largest request this route takes: the largest file and room for the form around it.
/// A larger file that says its length is refused (413) before it is read; one that does not
/// is read up to [`MAX_FILE_BYTES`] and then refused with the imports page's message.
pub const UPLOAD_BODY_LIMIT: usize = MAX_FILE_BYTES + 1024 * 1024;

/// The form's field that holds the file.
const FILE_FIELD: &str = "file";

/// Takes the upload and redirects (303) to what became of it.
pub async fn upload(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    mut form: Multipart,
) -> Response {
    let actor = match signed_in_with(&state.ctx, &session).await {
        Ok(Some(actor)) => actor,
        Ok(None) => return Redirect::to(pamong_app::pages::login::LOGIN_POST).into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let request_id = headers.get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let actor = actor.with_request_id(request_id.clone());
    let (name, bytes) = match read_file(&mut form).await {
        Ok(Some(file)) => file,
        Ok(None) => return Redirect::to(&routes::import_refused(&FileProblem::NoFile)).into_response(),
        Err(Refused::TooLarge) => {
            return Redirect::to(&routes::import_refused(&FileProblem::TooLarge)).into_response();
        }
        Err(Refused::Malformed) => {
            return (StatusCode::BAD_REQUEST, "malformed multipart form").into_response();
        }
    };
    match import::upload(&state.ctx.db, &actor, &name, bytes, state.ctx.now()).await {
        Ok(Uploaded::Checked(id)) => Redirect::to(&routes::import(id)).into_response(),
        Ok(Uploaded::Refused(problem)) => Redirect::to(&routes::import_refused(&problem)).into_response(),
        Err(e) => match e.into_kind(request_id) {
            ErrorKind::NotFound => StatusCode::NOT_FOUND.into_response(),
            _ => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        },
    }
}

/// Why the form's file was not read.
enum Refused {
    TooLarge,
    Malformed,
}

/// The form's file (its name and bytes), read chunk by chunk up to [`MAX_FILE_BYTES`];
/// `None` when the form holds no file or an empty one.
async fn read_file(form: &mut Multipart) -> Result<Option<(String, Vec<u8>)>, Refused> {
    while let Some(mut field) = form.next_field().await.map_err(|_| Refused::Malformed)? {
        if field.name() != Some(FILE_FIELD) {
            continue;
        }
        let name = field.file_name().unwrap_or_default().to_owned();
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|_| Refused::Malformed)? {
            if bytes.len() + chunk.len() > MAX_FILE_BYTES {
                return Err(Refused::TooLarge);
            }
            bytes.extend_from_slice(&chunk);
        }
        return Ok((!bytes.is_empty()).then_some((name, bytes)));
    }
    Ok(None)
}
