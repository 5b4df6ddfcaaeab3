//! WhatsApp reminders through the WhatsApp Business Cloud API (Meta's official API; no
//! unofficial gateway): a template message — the only kind a business may start a
//! conversation with — naming an approved template and its parameters. Configured by
//! `PAMONG_WHATSAPP_TOKEN` (a system user's access token), `PAMONG_WHATSAPP_PHONE_ID` (the
//! sending number's id) and `PAMONG_WHATSAPP_API_URL` (Meta's Graph API; a fake in tests).

use pamong_domain::notifications::TEMPLATE_LANGUAGE;
use pamong_service::notifications::{Courier, Outgoing};
use serde_json::{Value, json};

/// Meta's Graph API, the version Pamong was written against.
pub const DEFAULT_API_URL: &str = "https://graph.facebook.com/v21.0";

/// Sends template messages from one WhatsApp Business number.
pub struct CloudApi {
    client: reqwest::Client,
    endpoint: String,
    token: String,
}

impl CloudApi {
    /// The sender for the number `phone_id`, authenticated by `token`, at `api_url`.
    pub fn new(api_url: &str, phone_id: &str, token: &str) -> Result<Self, reqwest::Error> {
        let client = reqwest::Client::builder().timeout(std::time::Duration::from_secs(20)).build()?;
        let endpoint = format!("{}/{}/messages", api_url.trim_end_matches('/'), phone_id.trim());
        Ok(CloudApi { client, endpoint, token: token.trim().to_owned() })
    }

    /// The request body of a template message.
    fn body(message: &Outgoing) -> Option<Value> {
        let (name, params) = message.template.as_ref()?;
        let parameters: Vec<Value> = params.iter().map(|p| json!({ "type": "text", "text": p })).collect();
        Some(json!({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": message.to,
            "type": "template",
            "template": {
                "name": name,
                "language": { "code": TEMPLATE_LANGUAGE },
                "components": [{ "type": "body", "parameters": parameters }],
            },
        }))
    }
}

#[async_trait::async_trait]
impl Courier for CloudApi {
    async fn send(&self, message: &Outgoing) -> Result<(), String> {
        let body = Self::body(message).ok_or("a WhatsApp message needs an approved template")?;
        let response = self
            .client
            .post(&self.endpoint)
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await
            .map_err(|e| format!("WhatsApp Cloud API unreachable: {e}"))?;
        let status = response.status();
        if status.is_success() {
            return Ok(());
        }
        // Meta answers `{"error": {"message": …, "code": …}}`; keep what it says.
        let said: Value = response.json().await.unwrap_or(Value::Null);
        let why = said["error"]["message"].as_str().unwrap_or("no reason given");
        Err(format!("WhatsApp Cloud API {status}: {why}"))
    }
}
