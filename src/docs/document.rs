//! One document model for tabular documents (reports, lists), rendered to
//! self-contained printable HTML, XLSX and PDF. Every label carries both
//! languages: every printed document is in Kazakh and Russian.
use super::talon::esc;
use serde::Serialize;

/// A label in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Bi {
    pub kk: String,
    pub ru: String,
}

impl Bi {
    pub fn new(kk: impl Into<String>, ru: impl Into<String>) -> Bi {
        Bi {
            kk: kk.into(),
            ru: ru.into(),
        }
    }
    /// "kk / ru", or one of them when both are the same.
    pub fn joined(&self) -> String {
        if self.kk == self.ru {
            self.kk.clone()
        } else {
            format!("{} / {}", self.kk, self.ru)
        }
    }
}

/// One table cell.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Cell {
    Text(String),
    Label(Bi),
    Int(i64),
    /// A number shown with one decimal.
    Num(f64),
    /// A per cent shown with one decimal and "%".
    Percent(f64),
    Empty,
}

impl Cell {
    /// The cell as printed text.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Label(b) => b.joined(),
            Cell::Int(n) => n.to_string(),
            Cell::Num(x) => format!("{x:.1}"),
            Cell::Percent(x) => format!("{x:+.1}%").replace("+0.0%", "0.0%"),
            Cell::Empty => "—".into(),
        }
    }
    fn numeric(&self) -> bool {
        matches!(self, Cell::Int(_) | Cell::Num(_) | Cell::Percent(_))
    }
}

/// A titled table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Table {
    pub title: Bi,
    pub columns: Vec<Bi>,
    pub rows: Vec<Vec<Cell>>,
}

/// A document: title, lines under it (office, period), tables, a closing note.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Document {
    pub title: Bi,
    pub header: Vec<Bi>,
    pub tables: Vec<Table>,
    pub note: Option<Bi>,
}

/// Self-contained printable HTML (inline style, A4 margins, no external files).
pub fn html(d: &Document) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"kk\"><head><meta charset=\"utf-8\"><title>{}</title>\n\
<style>@page{{size:A4;margin:15mm}}body{{font-family:'PT Serif','Liberation Serif',serif;font-size:11pt;margin:0 auto;max-width:190mm}}\
h1{{text-align:center;font-size:14pt}}h2{{font-size:12pt;margin:14px 0 4px}}p.h{{text-align:center;margin:2px}}\
table{{border-collapse:collapse;width:100%;page-break-inside:auto}}tr{{page-break-inside:avoid}}\
th,td{{border:1px solid #444;padding:3px 5px;vertical-align:top;text-align:left}}th{{background:#eee}}\
td.n{{text-align:right;white-space:nowrap}}</style></head><body>\n",
        esc(&d.title.joined())
    ));
    out.push_str(&format!(
        "<h1>{}<br>{}</h1>\n",
        esc(&d.title.kk),
        esc(&d.title.ru)
    ));
    for h in &d.header {
        out.push_str(&format!("<p class=\"h\">{}</p>\n", esc(&h.joined())));
    }
    for t in &d.tables {
        out.push_str(&format!(
            "<h2>{}</h2>\n<table>\n<tr>",
            esc(&t.title.joined())
        ));
        for c in &t.columns {
            out.push_str(&format!("<th>{}<br>{}</th>", esc(&c.kk), esc(&c.ru)));
        }
        out.push_str("</tr>\n");
        for row in &t.rows {
            out.push_str("<tr>");
            for c in row {
                let class = if c.numeric() { " class=\"n\"" } else { "" };
                out.push_str(&format!("<td{class}>{}</td>", esc(&c.text())));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table>\n");
    }
    if let Some(n) = &d.note {
        out.push_str(&format!("<p>{}</p>\n<p>{}</p>\n", esc(&n.kk), esc(&n.ru)));
    }
    out.push_str("</body></html>\n");
    out
}

/// The document as an XLSX workbook (one sheet, tables one under another; text
/// cells as Unicode strings, numbers as numbers).
pub fn xlsx(d: &Document) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color(rust_xlsxwriter::Color::Gray)
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let cell = Format::new().set_border(rust_xlsxwriter::FormatBorder::Thin);
    let num1 = Format::new()
        .set_num_format("0.0")
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let pct = Format::new()
        .set_num_format("+0.0\"%\";-0.0\"%\";0.0\"%\"")
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let ws = wb.add_worksheet();
    ws.set_name("Report")?;
    ws.set_column_width(0, 48)?;
    for c in 1..8u16 {
        ws.set_column_width(c, 16)?;
    }
    let mut row: u32 = 0;
    ws.write_string_with_format(row, 0, &d.title.kk, &bold)?;
    row += 1;
    ws.write_string_with_format(row, 0, &d.title.ru, &bold)?;
    row += 1;
    for h in &d.header {
        ws.write_string(row, 0, h.joined())?;
        row += 1;
    }
    for t in &d.tables {
        row += 1;
        ws.write_string_with_format(row, 0, t.title.joined(), &bold)?;
        row += 1;
        for (i, c) in t.columns.iter().enumerate() {
            ws.write_string_with_format(row, i as u16, c.joined(), &head)?;
        }
        row += 1;
        for r in &t.rows {
            for (i, c) in r.iter().enumerate() {
                let col = i as u16;
                match c {
                    Cell::Int(n) => ws.write_number_with_format(row, col, *n as f64, &cell)?,
                    Cell::Num(x) => ws.write_number_with_format(row, col, *x, &num1)?,
                    Cell::Percent(x) => ws.write_number_with_format(row, col, *x, &pct)?,
                    other => ws.write_string_with_format(row, col, other.text(), &cell)?,
                };
            }
            row += 1;
        }
    }
    if let Some(n) = &d.note {
        row += 1;
        ws.write_string(row, 0, &n.kk)?;
        ws.write_string(row + 1, 0, &n.ru)?;
    }
    wb.save_to_buffer()
}

/// The embedded font for PDF: DejaVu Sans has every Kazakh and Russian letter
/// (licence: assets/fonts/DejaVu-LICENSE.txt).
pub(crate) const PDF_FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// Widths in mm of a table's columns within `width`: each column in proportion to
/// its longest text (heads in either language, cells), between 3 and 40 characters.
fn column_widths(t: &Table, width: f32) -> Vec<f32> {
    let weights: Vec<f32> = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, head)| {
            let cells = t
                .rows
                .iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.text().chars().count());
            let head = head.kk.chars().count().max(head.ru.chars().count());
            cells.chain([head]).max().unwrap_or(1).clamp(3, 40) as f32
        })
        .collect();
    let total: f32 = weights.iter().sum::<f32>().max(1.0);
    weights.iter().map(|w| width * w / total).collect()
}

/// A4 PDF of the document with an embedded Unicode font: title, header lines,
/// each table (labels in both languages), the note; new pages as needed.
pub fn pdf(d: &Document) -> Result<Vec<u8>, String> {
    use printpdf::{IndirectFontRef, Mm, PdfDocument, PdfLayerReference};
    // Wide tables (lists with many columns) go on landscape pages.
    let landscape = d.tables.iter().any(|t| t.columns.len() > 6);
    let (page_w, page_h) = if landscape {
        (297.0_f32, 210.0_f32)
    } else {
        (210.0_f32, 297.0_f32)
    };
    const MARGIN: f32 = 15.0;
    let (doc, page, layer) = PdfDocument::new(d.title.joined(), Mm(page_w), Mm(page_h), "1");
    let font = doc
        .add_external_font(std::io::Cursor::new(PDF_FONT))
        .map_err(|e| e.to_string())?;
    struct Cursor {
        layer: PdfLayerReference,
        y: f32,
    }
    let mut c = Cursor {
        layer: doc.get_page(page).get_layer(layer),
        y: page_h - MARGIN,
    };
    // Fits a text into a width in mm at a font size (DejaVu Sans: Cyrillic letters
    // and digits are about 0.6 em wide; a smaller guess let labels run into the
    // next column).
    let fit = |s: &str, width_mm: f32, size: f32| -> String {
        let per_char = 0.62 * size * 0.3528;
        let max = (width_mm / per_char).floor().max(1.0) as usize;
        if s.chars().count() <= max {
            s.to_string()
        } else {
            let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
            t.push('…');
            t
        }
    };
    let line = |c: &mut Cursor,
                doc: &printpdf::PdfDocumentReference,
                text: &str,
                size: f32,
                x: f32,
                font: &IndirectFontRef,
                advance: bool| {
        if c.y < MARGIN + 5.0 {
            let (p, l) = doc.add_page(Mm(page_w), Mm(page_h), "1");
            c.layer = doc.get_page(p).get_layer(l);
            c.y = page_h - MARGIN;
        }
        c.layer.use_text(text, size, Mm(x), Mm(c.y), font);
        if advance {
            c.y -= size * 0.3528 * 1.5;
        }
    };
    let width = page_w - 2.0 * MARGIN;
    for part in [&d.title.kk, &d.title.ru] {
        line(
            &mut c,
            &doc,
            &fit(part, width, 14.0),
            14.0,
            MARGIN,
            &font,
            true,
        );
    }
    for h in &d.header {
        line(
            &mut c,
            &doc,
            &fit(&h.joined(), width, 10.0),
            10.0,
            MARGIN,
            &font,
            true,
        );
    }
    for t in &d.tables {
        c.y -= 3.0;
        line(
            &mut c,
            &doc,
            &fit(&t.title.joined(), width, 11.0),
            11.0,
            MARGIN,
            &font,
            true,
        );
        let widths = column_widths(t, width);
        let x_of = |i: usize| MARGIN + widths[..i].iter().sum::<f32>();
        let w_of = |i: usize| widths.get(i).copied().unwrap_or(0.0) - 1.0;
        let row = |c: &mut Cursor, cells: Vec<String>, size: f32| {
            for (i, text) in cells.iter().enumerate() {
                let last = i + 1 == cells.len();
                line(
                    c,
                    &doc,
                    &fit(text, w_of(i), size),
                    size,
                    x_of(i),
                    &font,
                    last,
                );
            }
        };
        // Column heads in two lines, Kazakh then Russian: narrower than "kk / ru".
        if t.columns.iter().any(|b| b.kk != b.ru) {
            row(
                &mut c,
                t.columns.iter().map(|b| b.kk.clone()).collect(),
                8.0,
            );
            row(
                &mut c,
                t.columns.iter().map(|b| b.ru.clone()).collect(),
                8.0,
            );
        } else {
            row(
                &mut c,
                t.columns.iter().map(|b| b.kk.clone()).collect(),
                8.0,
            );
        }
        for r in &t.rows {
            row(&mut c, r.iter().map(Cell::text).collect(), 8.5);
        }
    }
    if let Some(note) = &d.note {
        c.y -= 3.0;
        line(
            &mut c,
            &doc,
            &fit(&note.joined(), width, 9.0),
            9.0,
            MARGIN,
            &font,
            true,
        );
    }
    let mut buf = std::io::BufWriter::new(Vec::new());
    doc.save(&mut buf).map_err(|e| e.to_string())?;
    buf.into_inner().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_share_the_width_by_their_longest_text() {
        let t = Table {
            title: Bi::new("Қоңыраулар", "Звонки"),
            columns: vec![
                Bi::new("№", "№"),
                Bi::new("Арыз иесі", "Заявитель"),
                Bi::new("Баға", "Оценка"),
            ],
            rows: vec![vec![
                Cell::Int(1),
                Cell::Text("Өмірбекова Айгүл Серікқызы".into()),
                Cell::Int(4),
            ]],
        };
        let w = column_widths(&t, 180.0);
        assert!((w.iter().sum::<f32>() - 180.0).abs() < 0.01);
        // 3 (minimum) : 26 (the name) : 6 ("Оценка").
        assert!((w[0] - 180.0 * 3.0 / 35.0).abs() < 0.01, "{w:?}");
        assert!((w[1] - 180.0 * 26.0 / 35.0).abs() < 0.01, "{w:?}");
        assert!(w[2] > w[0] && w[2] < w[1]);
    }

    fn doc() -> Document {
        Document {
            title: Bi::new("Есеп", "Отчет"),
            header: vec![Bi::new("Хромтау <аудан>", "Хромтауский район")],
            tables: vec![Table {
                title: Bi::new("Арналар", "Каналы"),
                columns: vec![Bi::new("Атауы", "Наименование"), Bi::new("Саны", "Кол-во")],
                rows: vec![
                    vec![Cell::Label(Bi::new("Телефон", "Телефон")), Cell::Int(3)],
                    vec![Cell::Text("Қағаз".into()), Cell::Percent(-12.5)],
                ],
            }],
            note: Some(Bi::new("Ескерту", "Примечание")),
        }
    }

    #[test]
    fn html_is_bilingual_and_escaped() {
        let h = html(&doc());
        assert!(h.contains("Есеп<br>Отчет"));
        assert!(h.contains("Атауы<br>Наименование"));
        assert!(h.contains("Хромтау &lt;аудан&gt; / Хромтауский район"));
        assert!(h.contains("<td class=\"n\">-12.5%</td>"));
        assert!(h.contains("<td>Телефон</td>"));
        assert!(!h.contains("<аудан>"));
    }

    #[test]
    fn cells_print() {
        assert_eq!(Cell::Percent(200.0).text(), "+200.0%");
        assert_eq!(Cell::Percent(0.0).text(), "0.0%");
        assert_eq!(Cell::Num(40.04).text(), "40.0");
        assert_eq!(Cell::Empty.text(), "—");
        assert!(!xlsx(&doc()).unwrap().is_empty());
    }
}
