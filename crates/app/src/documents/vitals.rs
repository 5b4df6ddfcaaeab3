//! The dashboards' tables as spreadsheets: an office's figures for the office and each PK,
//! now and a month earlier; the comparison of a region's offices (or the country's Kanwils)
//! with the outliers marked. Each figure is named as on the page; values are numbers, so the
//! workbook can sum and chart them.

use pamong_domain::export::ExportFormat;
use pamong_domain::oversight::region::RegionVitals;
use pamong_domain::oversight::vitals::{OfficeVitals, Tally};
use pamong_service::ServiceResult;
use pamong_service::exports::{Cell, ExportFile, TableWriter};

use super::{official, stem};
use crate::i18n::*;
use crate::pages::oversight::{figure_text, vital_name};
use crate::text;

/// A figure's value as the page writes it, its count, and what a share is of.
fn tally_cells(value: &str, tally: Tally) -> [Cell<'_>; 3] {
    [Cell::Text(value), Cell::Number(tally.count), tally.of.map_or(Cell::Empty, Cell::Number)]
}

/// The office's figures as a table: a row per figure for the whole office, then one per PK.
pub fn office_table(v: &OfficeVitals, format: ExportFormat) -> ServiceResult<ExportFile> {
    let i18n = official();
    let (now, before) = (text::date(v.as_of), text::date(v.before));
    let headings = [
        t_string!(i18n, table_figure).to_string(),
        t_string!(i18n, table_officer).to_string(),
        t_string!(i18n, table_value_on, date = now.clone()).to_string(),
        t_string!(i18n, table_count_on, date = now.clone()).to_string(),
        t_string!(i18n, table_of_on, date = now).to_string(),
        t_string!(i18n, table_value_on, date = before.clone()).to_string(),
        t_string!(i18n, table_count_on, date = before.clone()).to_string(),
        t_string!(i18n, table_of_on, date = before).to_string(),
    ];
    let headings: Vec<&str> = headings.iter().map(String::as_str).collect();
    let mut out = TableWriter::new(format, "Dasbor", &headings)?;
    let whole = t_string!(i18n, table_whole_office).to_string();
    let nobody = t_string!(i18n, client_no_pk).to_string();
    for row in &v.rows {
        let name = vital_name(i18n, row.vital);
        let lines = std::iter::once((whole.as_str(), row.now, row.before)).chain(
            row.officers
                .iter()
                .map(|o| (o.pk.as_ref().map_or(nobody.as_str(), |p| p.name.as_str()), o.now, o.before)),
        );
        for (who, now, before) in lines {
            let (now_text, before_text) = (figure_text(now), figure_text(before));
            let mut cells = vec![Cell::Text(&name), Cell::Text(who)];
            cells.extend(tally_cells(&now_text, now));
            cells.extend(tally_cells(&before_text, before));
            out.row(&cells)?;
        }
    }
    out.finish(&stem(&["dasbor", &v.bapas.name, &v.as_of.to_string()]))
}

/// The comparison as a table: a row per figure for the whole, then one per area.
pub fn region_table(v: &RegionVitals, format: ExportFormat) -> ServiceResult<ExportFile> {
    let i18n = official();
    let now = text::date(v.as_of);
    let headings = [
        t_string!(i18n, table_figure).to_string(),
        t_string!(i18n, table_area).to_string(),
        t_string!(i18n, table_clients).to_string(),
        t_string!(i18n, table_value_on, date = now.clone()).to_string(),
        t_string!(i18n, table_count_on, date = now.clone()).to_string(),
        t_string!(i18n, table_of_on, date = now).to_string(),
        t_string!(i18n, table_outlier).to_string(),
    ];
    let headings: Vec<&str> = headings.iter().map(String::as_str).collect();
    let mut out = TableWriter::new(format, "Perbandingan", &headings)?;
    let whole = match &v.kanwil {
        Some(k) => format!("{} ({})", t_string!(i18n, table_whole_region), k.name),
        None => t_string!(i18n, table_whole_nation).to_string(),
    };
    let yes = t_string!(i18n, table_yes).to_string();
    for row in &v.rows {
        let name = vital_name(i18n, row.vital);
        let total_text = figure_text(row.total);
        let mut cells = vec![Cell::Text(&name), Cell::Text(&whole), Cell::Number(v.clients)];
        cells.extend(tally_cells(&total_text, row.total));
        cells.push(Cell::Empty);
        out.row(&cells)?;
        for area in &row.areas {
            let value = figure_text(area.tally);
            let mut cells = vec![Cell::Text(&name), Cell::Text(&area.area.name), Cell::Number(area.clients)];
            cells.extend(tally_cells(&value, area.tally));
            cells.push(if area.outlier { Cell::Text(&yes) } else { Cell::Empty });
            out.row(&cells)?;
        }
    }
    let whole_stem = v.kanwil.as_ref().map_or("nasional", |k| k.name.as_str());
    out.finish(&stem(&["perbandingan", whole_stem, &v.as_of.to_string()]))
}
