//! `/api/v1/docs`: the API's reference as a plain page, read from the same OpenAPI document
//! the API serves (no script, no stylesheet from elsewhere: it works offline and behind a
//! strict network).

use axum::response::Html;
use serde_json::Value;

/// Escapes text for HTML.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// A schema's type in a word: its name when it is a reference, else its type.
fn type_of(schema: &Value) -> String {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.rsplit('/').next().unwrap_or(reference);
        return format!("<a href=\"#{0}\">{0}</a>", esc(name));
    }
    match schema.get("type") {
        Some(Value::String(t)) if t == "array" => format!("array of {}", type_of(&schema["items"])),
        Some(Value::String(t)) => esc(t),
        Some(Value::Array(types)) => {
            types.iter().filter_map(Value::as_str).map(esc).collect::<Vec<_>>().join(" or ")
        }
        _ => schema
            .get("oneOf")
            .and_then(Value::as_array)
            .map(|all| all.iter().map(type_of).collect::<Vec<_>>().join(" or "))
            .unwrap_or_else(|| "value".to_owned()),
    }
}

/// The reference page of `doc`.
pub fn page(doc: &Value) -> Html<String> {
    let mut out = String::new();
    let info = &doc["info"];
    out.push_str(&format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>{title}</title><style>body{{font:16px/1.5 \
         system-ui,sans-serif;max-width:60rem;margin:auto;padding:1rem}}code{{background:#eef}}table{{\
         border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;\
         vertical-align:top}}h3{{margin-top:2rem}}</style></head><body><h1>{title}</h1><p>{desc}</p>\
         <p>Authentication: <code>Authorization: Bearer pmg_…</code>, a personal access token an \
         admin issues on the user's page. Each token may make a limited number of calls per minute \
         (429 with <code>Retry-After</code> beyond it). The machine-readable document is at \
         <a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a> (OpenAPI {version}).</p><h2>Calls</h2>",
        title = esc(text(info, "title")),
        desc = esc(text(info, "description")),
        version = esc(text(doc, "openapi")),
    ));
    if let Some(paths) = doc["paths"].as_object() {
        for (path, methods) in paths {
            for (method, op) in methods.as_object().into_iter().flatten() {
                out.push_str(&format!(
                    "<h3><code>{} {}</code></h3><p>{}</p>",
                    esc(&method.to_uppercase()),
                    esc(path),
                    esc(text(op, "description"))
                ));
                if let Some(params) = op["parameters"].as_array() {
                    out.push_str("<table><tr><th>parameter</th><th>in</th><th>type</th><th>about</th></tr>");
                    for p in params {
                        out.push_str(&format!(
                            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                            esc(text(p, "name")),
                            esc(text(p, "in")),
                            type_of(&p["schema"]),
                            esc(text(p, "description"))
                        ));
                    }
                    out.push_str("</table>");
                }
                if let Some(body) = op["requestBody"]["content"]["application/json"]["schema"].as_object() {
                    out.push_str(&format!("<p>Body: {}</p>", type_of(&Value::Object(body.clone()))));
                }
                out.push_str("<ul>");
                for (status, answer) in op["responses"].as_object().into_iter().flatten() {
                    let schema = &answer["content"]["application/json"]["schema"];
                    let body =
                        if schema.is_null() { String::new() } else { format!(": {}", type_of(schema)) };
                    out.push_str(&format!(
                        "<li><code>{}</code> {}{}</li>",
                        esc(status),
                        esc(text(answer, "description")),
                        body
                    ));
                }
                out.push_str("</ul>");
            }
        }
    }
    out.push_str("<h2>Shapes</h2>");
    for (name, schema) in doc["components"]["schemas"].as_object().into_iter().flatten() {
        out.push_str(&format!(
            "<h3 id=\"{0}\">{0}</h3><p>{1}</p>",
            esc(name),
            esc(text(schema, "description"))
        ));
        if let Some(props) = schema["properties"].as_object() {
            out.push_str("<table><tr><th>field</th><th>type</th><th>about</th></tr>");
            for (field, prop) in props {
                out.push_str(&format!(
                    "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                    esc(field),
                    type_of(prop),
                    esc(text(prop, "description"))
                ));
            }
            out.push_str("</table>");
        }
    }
    out.push_str("</body></html>");
    Html(out)
}
