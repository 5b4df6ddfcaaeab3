//! sea-orm entities: the rows of Pamong's tables as the server reads and writes them.
//!
//! Entities are never sent to the browser: the service crate maps them to the DTOs of
//! `pamong_domain`. Integer keys stay internal; public ids are UUIDs (v7).

pub mod abh_case;
pub mod abh_diversion;
pub mod abh_event;
pub mod abh_litmas;
pub mod access_log;
pub mod action_objective;
pub mod action_plan;
pub mod agreement;
pub mod api_token;
pub mod audit_log;
pub mod bapas;
pub mod bapas_coverage;
pub mod business_status_change;
pub mod business_support;
pub mod client;
pub mod client_assessment;
pub mod client_business;
pub mod client_guidance;
pub mod client_import;
pub mod client_need;
pub mod client_report;
pub mod client_status_change;
pub mod client_transfer;
pub mod client_violation;
pub mod export_log;
pub mod kanwil;
pub mod kb_action;
pub mod kb_attendance;
pub mod kb_client;
pub mod kb_group;
pub mod kb_meeting;
pub mod kb_member;
pub mod ks_placement;
pub mod ks_session;
pub mod login_attempt;
pub mod partner;
pub mod partner_contact;
pub mod pokmas_member;
pub mod programme;
pub mod programme_attendance;
pub mod programme_enrolment;
pub mod programme_session;
pub mod referral;
pub mod region;
pub mod request_key;
pub mod session;
pub mod setting;
pub mod social_activity;
pub mod social_activity_client;
pub mod social_activity_partner;
pub mod user;
pub mod vital_snapshot;
pub mod work_site;
