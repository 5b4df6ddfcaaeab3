//! The dashboards' figures: an office's vitals (the Kabapas dashboard) and the comparison of
//! a region's offices or the country's Kanwils. Counts only: no client is named.

use pamong_domain::oversight::region::{AreaFigure, RegionRow, RegionVitals};
use pamong_domain::oversight::vitals::{OfficeVitals, OfficerTally, Tally, VitalRow};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{Named, day, instant};

/// A figure's value: a count of clients, or a share (`count` met of `of` due).
#[derive(Debug, Serialize, ToSchema)]
pub struct FigureTally {
    /// Counted (met, for a share).
    pub count: u64,
    /// Due, for a share; absent for a plain count.
    pub of: Option<u64>,
}

impl From<Tally> for FigureTally {
    fn from(t: Tally) -> Self {
        FigureTally { count: t.count, of: t.of }
    }
}

/// The figures of one office, now and a month earlier.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfficeFigures {
    /// The office.
    pub office: Named,
    /// The day the figures stand at (the office's today).
    #[schema(format = Date)]
    pub as_of: String,
    /// The day a month earlier they are compared with.
    #[schema(format = Date)]
    pub compared_with: String,
    /// The figures, in the dashboard's order.
    pub figures: Vec<OfficeFigure>,
}

/// One figure of an office, with each officer's part.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfficeFigure {
    /// Which figure (`lapor-tepat-30`, `terlambat-lapor`, …: the anchors of the methodology
    /// page).
    pub figure: String,
    /// Whether it is a share (met of due) rather than a count; a higher share is better, a
    /// higher count worse.
    pub share: bool,
    /// The office, now.
    pub now: FigureTally,
    /// The office, a month earlier.
    pub before: FigureTally,
    /// Each officer's clients (`pk` absent for clients no officer holds).
    pub officers: Vec<OfficerFigure>,
}

/// An officer's part of a figure.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfficerFigure {
    /// The officer; absent for clients no officer holds.
    pub pk: Option<Named>,
    /// Now.
    pub now: FigureTally,
    /// A month earlier.
    pub before: FigureTally,
}

impl From<OfficerTally> for OfficerFigure {
    fn from(o: OfficerTally) -> Self {
        OfficerFigure { pk: o.pk.map(Named::from), now: o.now.into(), before: o.before.into() }
    }
}

impl From<VitalRow> for OfficeFigure {
    fn from(r: VitalRow) -> Self {
        OfficeFigure {
            figure: r.vital.as_str().to_owned(),
            share: r.vital.is_share(),
            now: r.now.into(),
            before: r.before.into(),
            officers: r.officers.into_iter().map(OfficerFigure::from).collect(),
        }
    }
}

impl From<OfficeVitals> for OfficeFigures {
    fn from(v: OfficeVitals) -> Self {
        OfficeFigures {
            office: v.bapas.into(),
            as_of: day(v.as_of),
            compared_with: day(v.before),
            figures: v.rows.into_iter().map(OfficeFigure::from).collect(),
        }
    }
}

/// The figures of a region's offices side by side, or of the country's Kanwils.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegionFigures {
    /// The Kanwil compared; absent for the whole country (the areas are then Kanwils).
    pub kanwil: Option<Named>,
    /// The day the figures stand at.
    #[schema(format = Date)]
    pub as_of: String,
    /// When today's figures were computed.
    #[schema(format = DateTime)]
    pub computed_at: String,
    /// Clients under supervision in the whole, today.
    pub clients: u64,
    /// The figures, in the dashboard's order.
    pub figures: Vec<RegionFigure>,
}

/// One figure across a region.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegionFigure {
    /// Which figure.
    pub figure: String,
    /// Whether it is a share rather than a count.
    pub share: bool,
    /// The whole, today.
    pub total: FigureTally,
    /// Each office (or Kanwil), in name order.
    pub areas: Vec<AreaTally>,
    /// The whole at the end of each of the last eleven months, then today.
    pub trend: Vec<TrendPoint>,
}

/// An office's (or a Kanwil's) part of a figure.
#[derive(Debug, Serialize, ToSchema)]
pub struct AreaTally {
    /// The office or Kanwil.
    pub area: Named,
    /// Its clients under supervision today.
    pub clients: u64,
    /// Its figure today.
    pub tally: FigureTally,
    /// Whether it is far worse than the whole.
    pub outlier: bool,
}

/// The whole's figure on one day.
#[derive(Debug, Serialize, ToSchema)]
pub struct TrendPoint {
    /// The day.
    #[schema(format = Date)]
    pub day: String,
    /// The figure then.
    pub tally: FigureTally,
}

impl From<AreaFigure> for AreaTally {
    fn from(a: AreaFigure) -> Self {
        AreaTally { area: a.area.into(), clients: a.clients, tally: a.tally.into(), outlier: a.outlier }
    }
}

impl From<RegionRow> for RegionFigure {
    fn from(r: RegionRow) -> Self {
        RegionFigure {
            figure: r.vital.as_str().to_owned(),
            share: r.vital.is_share(),
            total: r.total.into(),
            areas: r.areas.into_iter().map(AreaTally::from).collect(),
            trend: r.trend.into_iter().map(|(d, t)| TrendPoint { day: day(d), tally: t.into() }).collect(),
        }
    }
}

impl From<RegionVitals> for RegionFigures {
    fn from(v: RegionVitals) -> Self {
        RegionFigures {
            kanwil: v.kanwil.map(Named::from),
            as_of: day(v.as_of),
            computed_at: instant(v.computed_at),
            clients: v.clients,
            figures: v.rows.into_iter().map(RegionFigure::from).collect(),
        }
    }
}

/// Which office's figures.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OfficeQuery {
    /// The office's public id; without it, the user's own office (or the first they read).
    pub office: Option<Uuid>,
}

/// Which region's figures.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegionQuery {
    /// For headquarters and the admin, a Kanwil's public id; without it, the whole country.
    /// A Kanwil's own staff always get their region.
    pub kanwil: Option<Uuid>,
}
