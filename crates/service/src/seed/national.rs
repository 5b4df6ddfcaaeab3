//! Synthetic offices for the national-scale benchmarks: Kanwils over the provinces and
//! Bapas spread among them, each with two PK officers, until the country has as many active
//! Bapas as asked (94, like the real service). Made through the ordinary service fns, so the
//! offices are validated and audited like an admin's; [`super::clients`] then fills them.

use pamong_domain::Role;
use pamong_domain::office::{BapasForm, KanwilForm, OfficeRef};
use pamong_domain::user::UserForm;
use pamong_entity::{bapas, kanwil};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use time::OffsetDateTime;

use super::DEMO_PASSWORD;
use crate::actor::Actor;
use crate::error::ServiceResult;
use crate::{offices, users};

/// The provinces a synthetic Kanwil may stand for: `(code, name)`.
const PROVINCES: [(&str, &str); 34] = [
    ("11", "Aceh"),
    ("12", "Sumatera Utara"),
    ("13", "Sumatera Barat"),
    ("14", "Riau"),
    ("15", "Jambi"),
    ("16", "Sumatera Selatan"),
    ("17", "Bengkulu"),
    ("18", "Lampung"),
    ("19", "Kepulauan Bangka Belitung"),
    ("21", "Kepulauan Riau"),
    ("31", "DKI Jakarta"),
    ("32", "Jawa Barat"),
    ("33", "Jawa Tengah"),
    ("34", "DI Yogyakarta"),
    ("35", "Jawa Timur"),
    ("36", "Banten"),
    ("51", "Bali"),
    ("52", "Nusa Tenggara Barat"),
    ("53", "Nusa Tenggara Timur"),
    ("61", "Kalimantan Barat"),
    ("62", "Kalimantan Tengah"),
    ("63", "Kalimantan Selatan"),
    ("64", "Kalimantan Timur"),
    ("65", "Kalimantan Utara"),
    ("71", "Sulawesi Utara"),
    ("72", "Sulawesi Tengah"),
    ("73", "Sulawesi Selatan"),
    ("74", "Sulawesi Tenggara"),
    ("75", "Gorontalo"),
    ("76", "Sulawesi Barat"),
    ("81", "Maluku"),
    ("82", "Maluku Utara"),
    ("91", "Papua Barat"),
    ("94", "Papua"),
];

/// The zone of a province by its code: Bali and Nusa Tenggara, Kalimantan's south and east
/// and Sulawesi keep WITA, Maluku and Papua WIT, the rest WIB (West and Central Kalimantan too).
fn zone_of(province: &str) -> &'static str {
    match province {
        "51" | "52" | "53" | "63" | "64" | "65" | "71" | "72" | "73" | "74" | "75" | "76" => "WITA",
        "81" | "82" | "91" | "94" => "WIT",
        _ => "WIB",
    }
}

/// Adds Kanwils and Bapas until `total` Bapas are active; returns how many Bapas it added.
pub async fn generate(db: &DatabaseConnection, total: usize, now: OffsetDateTime) -> ServiceResult<usize> {
    let system = Actor::system();
    let active =
        usize::try_from(bapas::Entity::find().filter(bapas::Column::Active.eq(true)).count(db).await?)
            .unwrap_or(usize::MAX);
    let mut regions: Vec<(&str, &str, OfficeRef)> = Vec::new();
    for (code, name) in PROVINCES {
        let found = kanwil::Entity::find().filter(kanwil::Column::ProvinceCode.eq(code)).one(db).await?;
        let area = match found {
            Some(k) => OfficeRef { id: k.public_id, name: k.name },
            None => {
                let form =
                    KanwilForm { province_code: code.into(), name: format!("Kanwil Ditjenpas {name}") };
                let k = offices::create_kanwil(db, &system, &form, now).await?;
                OfficeRef { id: k.id, name: k.name }
            }
        };
        regions.push((code, name, area));
    }
    let mut made = 0;
    for n in active..total {
        let Some((province, name, area)) = regions.get(n % regions.len()) else { break };
        let number = n + 1;
        let form = BapasForm {
            kanwil_id: area.id.to_string(),
            code: format!("S{number:03}"),
            name: format!("Bapas Kelas II {name} {number:03}"),
            class: "II".into(),
            zone: zone_of(province).into(),
            address: format!("Jl. Pemasyarakatan No. {number}, {name}"),
            phone: String::new(),
            coverage: format!("{province}.71 Kota {name}"),
        };
        let office = offices::create_bapas(db, &system, &form, now).await?;
        for (i, full_name) in ["Dewi Anggraini", "Rahmat Hidayat"].into_iter().enumerate() {
            let form = UserForm {
                username: format!("pk{}.s{number:03}", i + 1),
                full_name: full_name.into(),
                role: Role::Pk.as_str().into(),
                office_id: office.id.to_string(),
                password: DEMO_PASSWORD.into(),
                ..UserForm::default()
            };
            users::create(db, &system, &form, now).await?;
        }
        made += 1;
    }
    Ok(made)
}
