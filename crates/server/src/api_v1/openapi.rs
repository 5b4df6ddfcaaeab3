//! The API's OpenAPI 3.1 document, generated from the handlers' annotations and the
//! shapes of [`super::model`], so that it cannot drift from what the handlers do.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Pamong API",
        version = "1",
        description = "The case-management system of Indonesia's Bapas offices, for other systems. \
            Every call acts as the user a personal access token was issued to (by an admin), \
            under that user's permissions."
    ),
    paths(
        super::clients::list,
        super::clients::get,
        super::clients::record_report,
        super::clients::referrals_of,
        super::referrals::inbox,
        super::referrals::answer,
        super::figures::office,
        super::figures::region,
    ),
    components(schemas(
        super::model::Client,
        super::model::ClientPage,
        super::model::ReportInput,
        super::model::Named,
        super::model::Referral,
        super::model::AnswerInput,
        super::model::FigureTally,
        super::model::OfficeFigures,
        super::model::OfficeFigure,
        super::model::OfficerFigure,
        super::model::RegionFigures,
        super::model::RegionFigure,
        super::model::AreaTally,
        super::model::TrendPoint,
        super::error::ApiError,
        super::error::FieldProblem
    )),
    modifiers(&BearerToken),
    tags(
        (name = "clients", description = "Clients under supervision"),
        (name = "referrals", description = "Referrals to partners' services, and the partners' answers"),
        (name = "figures", description = "The dashboards' figures (counts only)")
    )
)]
struct Document;

/// Declares the bearer token the calls name as `token`.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("pmg_…").build(),
            ),
        );
    }
}

/// The document.
pub fn document() -> utoipa::openapi::OpenApi {
    Document::openapi()
}
