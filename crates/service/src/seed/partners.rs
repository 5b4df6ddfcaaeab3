//! Demo partners: Dinas Sosial and Dukcapil for Bapas Jakarta Barat, a PKS of each (one
//! ending within 90 days), and `mitra.jakbar` as Dinas Sosial's own user.

use pamong_domain::agreements::AgreementForm;
use pamong_domain::partners::{ContactForm, PartnerForm};
use sea_orm::DatabaseConnection;
use time::{Date, Duration, OffsetDateTime};

use crate::error::ServiceResult;
use crate::partners;

/// Dinas Sosial (the partner `mitra.jakbar` works for) and its PKS in force, for the demo's
/// work sites.
pub struct DemoPartner {
    /// The partner.
    pub id: uuid::Uuid,
    /// Its agreement in force.
    pub agreement: uuid::Uuid,
}

/// Adds the demo partners (when the demo's Kabapas and partner user exist).
pub async fn generate(db: &DatabaseConnection, now: OffsetDateTime) -> ServiceResult<Option<DemoPartner>> {
    let today = super::demo_today(now);
    let (Some(kabapas), Some(mitra)) =
        (super::groups::actor(db, "kabapas.jakbar").await?, super::groups::actor(db, "mitra.jakbar").await?)
    else {
        return Ok(None);
    };
    let dinsos = PartnerForm {
        name: "Dinas Sosial Kota Administrasi Jakarta Barat".into(),
        kind: "dinsos".into(),
        area: "Kota Jakarta Barat".into(),
        address: "Jl. Kembangan Raya No. 2, Jakarta Barat".into(),
        services: vec!["bpjs".into(), "psikososial".into(), "tempat_tinggal".into()],
        contacts: vec![ContactForm {
            name: "Dewi Lestari".into(),
            position: "Pekerja sosial".into(),
            phone: "081311112222".into(),
            email: "dinsos.jakbar@example.go.id".into(),
        }],
        ..Default::default()
    };
    let dinsos = partners::save(db, &kabapas, None, &dinsos, now).await?;
    let dukcapil = PartnerForm {
        name: "Suku Dinas Dukcapil Jakarta Barat".into(),
        kind: "dukcapil".into(),
        area: "Kota Jakarta Barat".into(),
        services: vec!["dokumen".into()],
        contacts: vec![ContactForm {
            name: "Rahmat Hidayat".into(),
            position: "Kepala Seksi Pelayanan".into(),
            ..Default::default()
        }],
        ..Default::default()
    };
    let dukcapil = partners::save(db, &kabapas, None, &dukcapil, now).await?;
    partners::link_user(db, &kabapas, dinsos, mitra.public_id, true, now).await?;
    let pks = |number: &str, title: &str, start: Date, end: Date, services: &[&str]| AgreementForm {
        number: number.into(),
        title: title.into(),
        services: services.iter().map(|s| (*s).to_owned()).collect(),
        signed_on: (start - Duration::days(7)).to_string(),
        start_on: start.to_string(),
        end_on: end.to_string(),
        ..Default::default()
    };
    let long = pks(
        "PKS/BAPAS-JB/03/2026",
        "Layanan jaminan sosial dan rehabilitasi sosial klien",
        today - Duration::days(200),
        today + Duration::days(500),
        &["bpjs", "psikososial"],
    );
    let agreement = partners::agreements::create(db, &kabapas, dinsos, None, &long, now).await?;
    let soon = pks(
        "PKS/BAPAS-JB/01/2024",
        "Layanan administrasi kependudukan bagi klien",
        today - Duration::days(700),
        today + Duration::days(45),
        &["dokumen"],
    );
    partners::agreements::create(db, &kabapas, dukcapil, None, &soon, now).await?;
    Ok(Some(DemoPartner { id: dinsos, agreement }))
}
