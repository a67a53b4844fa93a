//! The routes. Signing in sets an HttpOnly, SameSite=Strict session cookie; every call after
//! that must carry the session's CSRF token in `X-CSRF-Token`; errors are `{code, message}`
//! with a status that says what kind of failure it is.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use std::convert::Infallible;

use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{middleware, Json, Router};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use galley_core::app::accounts::Session;
use galley_core::app::export::Target;
use galley_core::export::Request;
use galley_core::{Error, Workspace};
use serde::Deserialize;
use serde_json::{json, Value};
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::StreamExt as _;

use crate::{assets, calls, Server};

/// The session cookie's name.
pub const COOKIE: &str = "galley_session";
/// The header that carries the CSRF token.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// Every route of the server.
pub fn router(server: Arc<Server>) -> Router {
    Router::new()
        .route("/api/v1/session", get(session))
        .route("/api/v1/login", post(login))
        .route("/api/v1/logout", post(logout))
        .route("/api/v1/call/{name}", post(call))
        .route("/api/v1/export", post(export))
        .route("/api/v1/events", get(events))
        .route("/api/v1/digests/{id}/page.pdf", get(page_file))
        .route("/api/v1/openapi.json", get(openapi))
        .fallback(assets::file)
        .layer(middleware::from_fn(assets::secure))
        .with_state(server)
}

/// A failure as the UI receives it.
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        let status = match e.code() {
            "not_signed_in" | "sign_in_failed" => StatusCode::UNAUTHORIZED,
            "forbidden" => StatusCode::FORBIDDEN,
            "not_found" => StatusCode::NOT_FOUND,
            "conflict" | "stale" => StatusCode::CONFLICT,
            "database_locked" => StatusCode::SERVICE_UNAVAILABLE,
            "database_error" | "serialise_failed" | "write_failed" | "read_failed" => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
            _ => StatusCode::BAD_REQUEST,
        };
        ApiError {
            status,
            code: e.code(),
            message: e.to_string(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Json(json!({ "code": self.code, "message": self.message }));
        (self.status, body).into_response()
    }
}

fn csrf_refused() -> ApiError {
    ApiError {
        status: StatusCode::FORBIDDEN,
        code: "csrf",
        message: "the request did not carry this session's anti-forgery token; reload the page"
            .into(),
    }
}

fn too_many() -> ApiError {
    ApiError {
        status: StatusCode::TOO_MANY_REQUESTS,
        code: "too_many_attempts",
        message: "too many failed sign-ins; wait a minute".into(),
    }
}

/// Runs `f` on the workspace off the async threads (SQLite and jieba block).
async fn blocking<T: Send + 'static>(
    server: Arc<Server>,
    f: impl FnOnce(&mut Workspace) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(move || f(&mut server.ws()))
        .await
        .unwrap_or_else(|_| Err(Error::Invalid("the server failed on this request".into()).into()))
}

fn token(jar: &CookieJar) -> Result<String, ApiError> {
    jar.get(COOKIE)
        .map(|c| c.value().to_owned())
        .ok_or_else(|| Error::NotSignedIn.into())
}

/// Resumes the caller's session and checks the CSRF token of a change.
fn resume(ws: &mut Workspace, token: &str, csrf: Option<&str>) -> Result<Session, ApiError> {
    let session = ws.resume(token)?;
    match csrf == Some(session.csrf.as_str()) {
        true => Ok(session),
        false => Err(csrf_refused()),
    }
}

fn csrf_header(headers: &HeaderMap) -> Option<String> {
    headers
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// Who is signed in, with the CSRF token to send; 401 when nobody.
async fn session(State(s): State<Arc<Server>>, jar: CookieJar) -> Result<Json<Session>, ApiError> {
    let token = token(&jar)?;
    blocking(s, move |ws| Ok(Json(ws.resume(&token)?))).await
}

#[derive(Deserialize)]
struct Login {
    name: String,
    password: String,
}

/// Signs in with a name and a password; sets the session cookie.
async fn login(
    State(s): State<Arc<Server>>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    jar: CookieJar,
    Json(body): Json<Login>,
) -> Result<(CookieJar, Json<Session>), ApiError> {
    let keys = [format!("name:{}", body.name), format!("addr:{}", addr.ip())];
    let secure = s.secure_cookies;
    let limiter = Arc::clone(&s);
    blocking(s, move |ws| {
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        if limiter.limiter.blocked(&keys) {
            return Err(too_many());
        }
        match ws.sign_in_with_password(&body.name, &body.password) {
            Ok(session) => {
                limiter.limiter.succeeded(&keys);
                let cookie = session_cookie(session.token.clone(), secure);
                Ok((jar.add(cookie), Json(session)))
            }
            Err(e) => {
                limiter.limiter.failed(&keys);
                tracing::info!(name = %body.name, "failed sign-in");
                Err(e.into())
            }
        }
    })
    .await
}

fn session_cookie(token: String, secure: bool) -> Cookie<'static> {
    Cookie::build((COOKIE, token))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .path("/")
        .build()
}

/// Ends the session.
async fn logout(
    State(s): State<Arc<Server>>,
    jar: CookieJar,
    headers: HeaderMap,
) -> Result<CookieJar, ApiError> {
    let token = token(&jar)?;
    let csrf = csrf_header(&headers);
    blocking(s, move |ws| {
        resume(ws, &token, csrf.as_deref())?;
        ws.sign_out(&token)?;
        Ok(jar.remove(Cookie::build(COOKIE).path("/")))
    })
    .await
}

/// One call of the UI: `POST /api/v1/call/NAME` with the arguments as a JSON object.
async fn call(
    State(s): State<Arc<Server>>,
    Path(name): Path<String>,
    jar: CookieJar,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let token = token(&jar)?;
    let csrf = csrf_header(&headers);
    let args: Value = match body.is_empty() {
        true => json!({}),
        false => {
            serde_json::from_slice(&body).map_err(|e| Error::Invalid(format!("not JSON: {e}")))?
        }
    };
    let changes = s.changes.clone();
    blocking(s, move |ws| {
        let session = resume(ws, &token, csrf.as_deref())?;
        let result = calls::call(ws, &name, args)?;
        if calls::changes(&name) {
            // Nobody listening is fine.
            let _ = changes.send(json!({ "change": result, "by": session.person.name }));
        }
        Ok(Json(result))
    })
    .await
}

/// Server-sent events: every change anyone makes, as `{change, by}`, while the session lives.
async fn events(
    State(s): State<Arc<Server>>,
    jar: CookieJar,
) -> Result<Sse<impl futures_core::Stream<Item = Result<Event, Infallible>>>, ApiError> {
    let token = token(&jar)?;
    let rx = s.changes.subscribe();
    blocking(s, move |ws| Ok(ws.resume(&token).map(|_| ())?)).await?;
    let stream = BroadcastStream::new(rx).filter_map(|m| {
        m.ok()
            .map(|v| Ok(Event::default().event("change").data(v.to_string())))
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}

/// The PDF a digest was read from, for the page view: `GET /api/v1/digests/ID/page.pdf`.
async fn page_file(
    State(s): State<Arc<Server>>,
    Path(id): Path<i64>,
    jar: CookieJar,
) -> Result<Response, ApiError> {
    let token = token(&jar)?;
    let file = blocking(s, move |ws| {
        ws.resume(&token)?;
        Ok(ws.page_file(id)?)
    })
    .await?;
    let headers = [
        (header::CONTENT_TYPE, file.media_type),
        (header::CACHE_CONTROL, "private, no-cache".to_owned()),
    ];
    Ok((headers, file.bytes).into_response())
}

/// The API's OpenAPI document (no session needed: it holds no data).
async fn openapi() -> Json<&'static Value> {
    Json(crate::openapi::document())
}

/// An export as a download: `POST /api/v1/export` with an export request (one CSV table).
async fn export(
    State(s): State<Arc<Server>>,
    jar: CookieJar,
    headers: HeaderMap,
    Json(req): Json<Request>,
) -> Result<Response, ApiError> {
    let token = token(&jar)?;
    let csrf = csrf_header(&headers);
    let bytes = blocking(s, move |ws| {
        resume(ws, &token, csrf.as_deref())?;
        let mut out = Vec::new();
        ws.export(&req, Target::Stream(&mut out))?;
        Ok((out, req.format.extension()))
    })
    .await?;
    let (body, ext) = bytes;
    let disposition = format!("attachment; filename=\"galley-export.{ext}\"");
    let mut r = (StatusCode::OK, body).into_response();
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}
