//! The OpenAPI document of the team server's JSON API (version 1), generated from the types
//! the calls take and return (schemars, in OpenAPI 3.0's dialect) and from [`CALLS`]; served at
//! `GET /api/v1/openapi.json` and kept in `docs/openapi.json`.

use std::sync::OnceLock;

use galley_core::app::accounts::Session;
use galley_core::export::Request;
use schemars::gen::{SchemaGenerator, SchemaSettings};
use schemars::JsonSchema;
use serde_json::{json, Map, Value};

use crate::api::{COOKIE, CSRF_HEADER};
use crate::calls::{Call, CALLS};

/// A failure, as every route answers it (with a 4xx or 5xx status).
#[allow(dead_code)]
#[derive(JsonSchema)]
struct Failure {
    /// A stable code (`not_signed_in`, `forbidden`, `stale`, `csrf`, `invalid_input` …).
    code: String,
    /// For people.
    message: String,
}

/// Signing in.
#[allow(dead_code)]
#[derive(JsonSchema)]
struct SignIn {
    name: String,
    password: String,
}

/// The document, built once.
pub fn document() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(build)
}

fn build() -> Value {
    let mut g = SchemaSettings::openapi3().into_generator();
    let failure = g.subschema_for::<Failure>();
    let mut paths = Map::new();
    for call in CALLS {
        let path = format!("/api/v1/call/{}", call.name);
        paths.insert(path, call_path(&mut g, call, &failure));
    }
    let session = g.subschema_for::<Session>();
    let sign_in = g.subschema_for::<SignIn>();
    let request = g.subschema_for::<Request>();
    let fixed = json!({
        "/api/v1/login": {"post": {
            "summary": "Signs in with a name and a password; sets the session cookie (HttpOnly, SameSite=Strict). Five failures a minute block the name and address.",
            "operationId": "login", "security": [],
            "requestBody": body(&sign_in),
            "responses": {"200": ok(&session), "401": fail(&failure), "429": fail(&failure)}}},
        "/api/v1/session": {"get": {
            "summary": "Who is signed in, with the anti-forgery token to send with every call.",
            "operationId": "session", "security": [{"session": []}],
            "responses": {"200": ok(&session), "401": fail(&failure)}}},
        "/api/v1/logout": {"post": {
            "summary": "Ends the session.", "operationId": "logout",
            "responses": {"200": {"description": "signed out"}, "403": fail(&failure)}}},
        "/api/v1/export": {"post": {
            "summary": "An export as a download (JSON, CSV, ClaimReview, Web Annotation, Markdown).",
            "operationId": "export", "requestBody": body(&request),
            "responses": {"200": {"description": "the file", "content": {"application/octet-stream": {}}}, "403": fail(&failure)}}},
        "/api/v1/events": {"get": {
            "summary": "Server-sent events: every change anyone makes, as `change` events with {change, by}.",
            "operationId": "events", "security": [{"session": []}],
            "responses": {"200": {"description": "an event stream", "content": {"text/event-stream": {}}}, "401": fail(&failure)}}},
        "/api/v1/digests/{id}/page.pdf": {"get": {
            "summary": "The PDF a digest was read from, for the page view.",
            "operationId": "page_file", "security": [{"session": []}],
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
            "responses": {"200": {"description": "the PDF", "content": {"application/pdf": {}}}, "401": fail(&failure), "404": fail(&failure)}}},
        "/api/v1/openapi.json": {"get": {
            "summary": "This document.", "operationId": "openapi", "security": [],
            "responses": {"200": {"description": "OpenAPI 3.0", "content": {"application/json": {}}}}}},
    });
    if let Value::Object(fixed) = fixed {
        paths.extend(fixed);
    }
    let mut schemas = serde_json::to_value(g.take_definitions()).expect("schemas are JSON");
    tuples_as_any_of(&mut schemas);
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Galley team server",
            "version": format!("1 (galley {})", env!("CARGO_PKG_VERSION")),
            "description": "The JSON API of `galley serve`: the same calls the desktop window makes. Sign in at /api/v1/login; every call then carries the session cookie and the session's anti-forgery token. The server enforces roles (editor, reviewer, read only). Changes carry the article version they were made from (`base`); a stale one is refused with 409 `stale`.",
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": COOKIE},
                "csrf": {"type": "apiKey", "in": "header", "name": CSRF_HEADER},
            },
        },
        "security": [{"session": [], "csrf": []}],
    })
}

/// OpenAPI 3.0 has no tuples (`items` as a list, as schemars writes `(String, f64)`): such an
/// array's items become "any of" those schemas, its length kept by minItems/maxItems.
fn tuples_as_any_of(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if let Some(Value::Array(each)) = map.get("items") {
                let any = json!({ "anyOf": each });
                map.insert("items".into(), any);
            }
            map.values_mut().for_each(tuples_as_any_of);
        }
        Value::Array(list) => list.iter_mut().for_each(tuples_as_any_of),
        _ => {}
    }
}

fn call_path(g: &mut SchemaGenerator, call: &Call, failure: &impl serde::Serialize) -> Value {
    let args = (call.args)(g);
    let result = (call.result)(g);
    let mut responses = json!({
        "200": ok(&result), "400": fail(failure), "401": fail(failure), "403": fail(failure),
    });
    if call.changes {
        responses["409"] = fail(failure);
    }
    json!({"post": {
        "summary": call.summary,
        "operationId": call.name,
        "tags": [if call.changes { "changes" } else { "reads" }],
        "requestBody": body(&args),
        "responses": responses,
    }})
}

fn body(schema: &impl serde::Serialize) -> Value {
    json!({"required": true, "content": {"application/json": {"schema": schema}}})
}

fn ok(schema: &impl serde::Serialize) -> Value {
    json!({"description": "done", "content": {"application/json": {"schema": schema}}})
}

fn fail(schema: &impl serde::Serialize) -> Value {
    json!({"description": "refused: {code, message}", "content": {"application/json": {"schema": schema}}})
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `docs/openapi.json` is the generated document (`UPDATE_OPENAPI=1` rewrites it).
    #[test]
    fn the_committed_openapi_document_is_generated_from_the_types() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/openapi.json");
        let generated = serde_json::to_string_pretty(document()).unwrap() + "\n";
        if std::env::var_os("UPDATE_OPENAPI").is_some() {
            std::fs::write(&path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "docs/openapi.json is out of date: UPDATE_OPENAPI=1 cargo test -p galley-server openapi"
        );
    }

    #[test]
    fn every_call_is_documented_with_its_schemas() {
        let doc = document();
        for call in CALLS {
            let op = &doc["paths"][format!("/api/v1/call/{}", call.name)]["post"];
            assert_eq!(op["operationId"], call.name);
            let result = &op["responses"]["200"]["content"]["application/json"]["schema"];
            assert!(result.is_object(), "{} has a result schema", call.name);
        }
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        for name in [
            "Article",
            "Annotation",
            "Edit",
            "QueueItem",
            "Agreement",
            "Session",
        ] {
            assert!(schemas.contains_key(name), "{name} in the components");
        }
        assert_eq!(
            doc["paths"]["/api/v1/call/annotate"]["post"]["responses"]["409"]["description"],
            "refused: {code, message}"
        );
    }
}
