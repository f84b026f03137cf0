//! The public charts, drawn by `plotters` from the public read model's days
//! (`store::PublicDay`), so they can show nothing the page could not: as SVG for the
//! public page and as PNG for the weekly digest. The only text drawn is dates and numbers
//! (the legends are the page's and the digest's own, translated, text), in a Latin font
//! compiled into the binary, so no system font is needed and no script needs shaping.

use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;
/// The colour type of the series' colours (plotters').
pub use plotters::style::RGBColor;

use crate::store::PublicDay;

/// The one font, registered with plotters under [`FAMILY`] before the first drawing.
const FONT: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Latin.ttf");
const FAMILY: &str = "sans-serif";
static REGISTER: Once = Once::new();

pub const WIDTH: u32 = 720;
pub const HEIGHT: u32 = 300;

/// The series' colours, which the legends name (`Chart::series`).
pub const BLUE: RGBColor = RGBColor(0x1f, 0x6f, 0xb4);
pub const ORANGE: RGBColor = RGBColor(0xe0, 0x7b, 0x00);
pub const RED: RGBColor = RGBColor(0xc0, 0x22, 0x22);
pub const GREEN: RGBColor = RGBColor(0x2a, 0x8a, 0x3a);
pub const PURPLE: RGBColor = RGBColor(0x6a, 0x3d, 0x9a);

/// The public page's charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    /// New report-now cases and report-now decisions per day.
    Activity,
    /// Report-now accounts still up vs confirmed suspended, at the end of each day.
    Status,
    /// Median hours from opening to decision of the cases decided each day.
    DecisionTime,
}

/// What a series is, for its legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    Opened,
    Decided,
    StillUp,
    Suspended,
    HoursToDecision,
}

impl Chart {
    pub const ALL: [Chart; 3] = [Chart::Activity, Chart::Status, Chart::DecisionTime];

    /// The chart's name in its URL (`/<slug>/chart/<name>.svg`).
    pub fn name(self) -> &'static str {
        match self {
            Chart::Activity => "activity",
            Chart::Status => "status",
            Chart::DecisionTime => "decision-time",
        }
    }

    pub fn from_name(name: &str) -> Option<Chart> {
        Chart::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The chart's series and their colours, in drawing order.
    pub fn series(self) -> &'static [(Series, RGBColor)] {
        match self {
            Chart::Activity => &[(Series::Opened, BLUE), (Series::Decided, ORANGE)],
            Chart::Status => &[(Series::StillUp, RED), (Series::Suspended, GREEN)],
            Chart::DecisionTime => &[(Series::HoursToDecision, PURPLE)],
        }
    }
}

/// A chart could not be drawn (a plotters error, as text: its type is generic over the
/// backend).
#[derive(Debug, thiserror::Error)]
#[error("chart could not be drawn: {0}")]
pub struct ChartError(String);

fn failed(e: impl std::fmt::Display) -> ChartError {
    ChartError(e.to_string())
}

/// `chart` of `days` as an SVG document.
pub fn svg(chart: Chart, days: &[PublicDay]) -> Result<String, ChartError> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (WIDTH, HEIGHT)).into_drawing_area();
        draw(&root, chart, days)?;
        root.present().map_err(failed)?;
    }
    Ok(out)
}

/// `chart` of `days` as a PNG image.
pub fn png(chart: Chart, days: &[PublicDay]) -> Result<Vec<u8>, ChartError> {
    let mut pixels = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (WIDTH, HEIGHT)).into_drawing_area();
        draw(&root, chart, days)?;
        root.present().map_err(failed)?;
    }
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, WIDTH, HEIGHT);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(failed)?;
    writer.write_image_data(&pixels).map_err(failed)?;
    writer.finish().map_err(failed)?;
    Ok(bytes)
}

/// One value of a series on one day (`None`: no point, e.g. no decision that day).
fn value(series: Series, d: &PublicDay) -> Option<f64> {
    let n = |v: u64| Some(v as f64);
    match series {
        Series::Opened => n(d.opened),
        Series::Decided => n(d.decided),
        Series::StillUp => n(d.still_up),
        Series::Suspended => n(d.suspended),
        Series::HoursToDecision => d.median_to_decision_ms.map(|ms| ms as f64 / 3_600_000.0),
    }
}

fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, chart: Chart, days: &[PublicDay]) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    REGISTER.call_once(|| {
        // The font is ours and checked by the tests; drawing text fails on its own otherwise.
        if plotters::style::register_font(FAMILY, FontStyle::Normal, FONT).is_err() {
            tracing::error!("the embedded chart font is unusable");
        }
    });
    root.fill(&WHITE).map_err(failed)?;
    let top = chart
        .series()
        .iter()
        .flat_map(|(s, _)| days.iter().filter_map(|d| value(*s, d)))
        .fold(1.0f64, f64::max);
    let last = days.len().saturating_sub(1).max(1);
    let mut plot = ChartBuilder::on(root)
        .margin(12)
        .x_label_area_size(28)
        .y_label_area_size(44)
        .build_cartesian_2d(0..last, 0.0..top.ceil() * 1.1)
        .map_err(failed)?;
    let label = |i: &usize| days.get(*i).map_or_else(String::new, |d| short_day(d.day.0));
    plot.configure_mesh()
        .x_labels(6)
        .y_labels(5)
        .x_label_formatter(&label)
        .y_label_formatter(&whole)
        .label_style((FAMILY, 13))
        .light_line_style(RGBColor(0xee, 0xee, 0xee))
        .draw()
        .map_err(failed)?;
    for &(series, colour) in chart.series() {
        let points: Vec<(usize, f64)> = days
            .iter()
            .enumerate()
            .filter_map(|(i, d)| value(series, d).map(|v| (i, v)))
            .collect();
        let style = ShapeStyle::from(colour).stroke_width(2);
        plot.draw_series(LineSeries::new(points.clone(), style))
            .map_err(failed)?;
        plot.draw_series(points.into_iter().map(|p| Circle::new(p, 2, colour.filled())))
            .map_err(failed)?;
    }
    Ok(())
}

/// A value axis' label: whole numbers only (counts and hours; the grid lines stay).
fn whole(v: &f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}")
    } else {
        String::new()
    }
}

/// A day as `MM-DD` (UTC), the axis' labels.
fn short_day(at: i64) -> String {
    chrono::DateTime::from_timestamp_millis(at).map_or_else(String::new, |d| d.format("%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::Millis;

    fn days() -> Vec<PublicDay> {
        (0..30)
            .map(|i| PublicDay {
                day: Millis(1_800_000_000_000 + i * 86_400_000),
                opened: (i % 4) as u64,
                decided: (i % 3) as u64,
                still_up: 10 + i as u64,
                suspended: i as u64 / 2,
                median_to_decision_ms: (i % 2 == 0).then_some(i * 3_600_000),
            })
            .collect()
    }

    #[test]
    fn every_chart_draws_as_svg_with_its_series() {
        for chart in Chart::ALL {
            let svg = svg(chart, &days()).unwrap();
            assert!(svg.starts_with("<svg"), "{svg}");
            for (_, colour) in chart.series() {
                let hex = format!("#{:02X}{:02X}{:02X}", colour.0, colour.1, colour.2);
                assert!(svg.contains(&hex), "{chart:?} has no {hex} line");
            }
            assert!(svg.contains("<text"), "axis labels are drawn");
        }
    }

    #[test]
    fn the_png_is_a_png_of_the_chart_size() {
        let bytes = png(Chart::Activity, &days()).unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let reader = decoder.read_info().unwrap();
        let info = reader.info();
        assert_eq!((info.width, info.height), (WIDTH, HEIGHT));
    }

    #[test]
    fn an_empty_month_still_draws() {
        let empty: Vec<PublicDay> = days()
            .into_iter()
            .map(|d| PublicDay {
                opened: 0,
                decided: 0,
                still_up: 0,
                suspended: 0,
                median_to_decision_ms: None,
                ..d
            })
            .collect();
        for chart in Chart::ALL {
            svg(chart, &empty).unwrap();
        }
        assert!(png(Chart::Status, &[]).unwrap().len() > 100);
    }

    #[test]
    fn names_round_trip() {
        for chart in Chart::ALL {
            assert_eq!(Chart::from_name(chart.name()), Some(chart));
        }
        assert_eq!(Chart::from_name("nope"), None);
    }
}
