//! Limits on what an import file may make the program read, checked BEFORE the
//! file is parsed: a hostile or broken file is refused with a reason instead of
//! exhausting memory, blocking forever or being misdiagnosed.
//!
//! - only a regular file (not `/dev/zero`, a FIFO, a folder) of at most
//!   [`MAX_FILE_BYTES`];
//! - XLSX: every part of the zip is decompressed into a bounded buffer (the real
//!   size, not the size the archive claims) within [`MAX_PART_BYTES`] and
//!   [`MAX_UNPACKED_BYTES`]; the worksheets' cell references bound the sheet to
//!   [`MAX_ROWS`] x [`MAX_COLUMNS`] and [`MAX_CELLS`] (a single cell claimed at
//!   XFD1048576 would make the reader allocate the whole grid); no text run in
//!   a sheet or the shared strings may exceed [`MAX_CELL_BYTES`];
//! - text: UTF-16 (with a byte-order mark, or recognised by its zero bytes) is
//!   decoded; other text with zero bytes is refused as not text.
use std::borrow::Cow;
use std::io::Read;
use std::path::Path;

/// The largest import file read (64 MB: about 300,000 appeals as CSV).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The largest single part of an XLSX once decompressed.
pub const MAX_PART_BYTES: u64 = 96 * 1024 * 1024;
/// All parts of an XLSX together, decompressed.
pub const MAX_UNPACKED_BYTES: u64 = 192 * 1024 * 1024;
/// Rows a sheet may reach.
pub const MAX_ROWS: u64 = 300_000;
/// Columns a sheet may reach (IV).
pub const MAX_COLUMNS: u64 = 256;
/// Rows x columns of the grid the reader would allocate.
pub const MAX_CELLS: u64 = 3_000_000;
/// Excel's own limit on a cell: 32,767 characters.
pub const MAX_CELL_CHARS: usize = 32_767;
/// Entries of a zip archive.
const MAX_ENTRIES: usize = 10_000;

/// Why a file is refused before it is parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LimitError {
    #[error("not a regular file ({0}): give the path of a .csv or .xlsx file")]
    NotRegular(&'static str),
    #[error("file is too large ({size} bytes; at most {max} bytes): split it")]
    TooLarge { size: u64, max: u64 },
    #[error(
        "XLSX part '{part}' unpacks to more than {max} bytes: refused (damaged or a zip bomb)"
    )]
    Unpacked { part: String, max: u64 },
    #[error("XLSX has too many parts ({0})")]
    TooManyParts(usize),
    #[error(
        "the sheet reaches row {rows} and column {columns}: at most {MAX_ROWS} rows, \
         {MAX_COLUMNS} columns and {MAX_CELLS} cells in all"
    )]
    SheetTooLarge { rows: u64, columns: u64 },
    #[error("a cell is longer than {MAX_CELL_CHARS} characters (Excel's own limit)")]
    CellTooLong,
    #[error("file is UTF-16 text that does not decode: save it as CSV UTF-8")]
    BadUtf16,
    #[error("file is not text (it contains zero bytes): save it as CSV UTF-8 or XLSX")]
    Binary,
    #[error("not a readable XLSX file: {0}")]
    Zip(String),
}

/// Reads a regular file of at most [`MAX_FILE_BYTES`]. A device, a FIFO or a
/// folder is refused without being opened (opening a FIFO blocks).
pub fn read_regular(path: &Path) -> Result<Vec<u8>, std::io::Error> {
    // (io::Error carries the LimitError so that the caller's "cannot read" names
    // the file; see `into_limit`.)
    let meta = std::fs::metadata(path)?;
    let ft = meta.file_type();
    if !ft.is_file() {
        let what = if ft.is_dir() {
            "a folder"
        } else {
            kind_of_special(&ft)
        };
        return Err(std::io::Error::other(LimitError::NotRegular(what)));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(std::io::Error::other(LimitError::TooLarge {
            size: meta.len(),
            max: MAX_FILE_BYTES,
        }));
    }
    let f = std::fs::File::open(path)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(std::io::Error::other(LimitError::TooLarge {
            size: bytes.len() as u64,
            max: MAX_FILE_BYTES,
        }));
    }
    Ok(bytes)
}

/// The limit behind an error of [`read_regular`], if it was one.
pub fn into_limit(e: &std::io::Error) -> Option<LimitError> {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<LimitError>())
        .cloned()
}

#[cfg(unix)]
fn kind_of_special(ft: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if ft.is_fifo() {
        "a pipe"
    } else if ft.is_char_device() || ft.is_block_device() {
        "a device"
    } else if ft.is_socket() {
        "a socket"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
fn kind_of_special(_ft: &std::fs::FileType) -> &'static str {
    "a device or not a file"
}

/// Text as UTF-8 bytes: UTF-8 as it is; UTF-16 (byte-order mark, or zero bytes
/// in every other position) decoded; anything else with zero bytes refused.
pub fn text_bytes(bytes: &[u8]) -> Result<Cow<'_, [u8]>, LimitError> {
    let utf16 = |enc: &'static encoding_rs::Encoding, body: &[u8]| {
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        if had_errors {
            Err(LimitError::BadUtf16)
        } else {
            Ok(Cow::Owned(text.into_owned().into_bytes()))
        }
    };
    if let Some(body) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(encoding_rs::UTF_16LE, body);
    }
    if let Some(body) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(encoding_rs::UTF_16BE, body);
    }
    if !bytes.contains(&0) {
        return Ok(Cow::Borrowed(bytes));
    }
    // No byte-order mark: in UTF-16 of Kazakh or Russian text nearly every
    // character's high byte is 0x00 (Latin, digits, separators) or 0x04
    // (Cyrillic), and the zero bytes sit on one side of each pair.
    let pairs = bytes.len() / 2;
    if bytes.len().is_multiple_of(2) && pairs > 0 {
        let high = |b: &u8| *b == 0 || *b == 4;
        let odd_high = bytes.iter().skip(1).step_by(2).filter(|b| high(b)).count();
        let even_high = bytes.iter().step_by(2).filter(|b| high(b)).count();
        let zero_odd = bytes.iter().skip(1).step_by(2).any(|b| *b == 0);
        let zero_even = bytes.iter().step_by(2).any(|b| *b == 0);
        if zero_odd && odd_high * 10 >= pairs * 9 {
            return utf16(encoding_rs::UTF_16LE, bytes);
        }
        if zero_even && even_high * 10 >= pairs * 9 {
            return utf16(encoding_rs::UTF_16BE, bytes);
        }
    }
    Err(LimitError::Binary)
}

/// Checks an XLSX (zip) before a reader parses it: the real decompressed size of
/// every part, the grid the sheets' cell references span, and the longest cell
/// text. Reads each part once into a bounded buffer.
pub fn check_xlsx(bytes: &[u8]) -> Result<(), LimitError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| LimitError::Zip(e.to_string()))?;
    if zip.len() > MAX_ENTRIES {
        return Err(LimitError::TooManyParts(zip.len()));
    }
    let mut total: u64 = 0;
    let mut buf = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| LimitError::Zip(e.to_string()))?;
        let name = entry.name().to_string();
        let max = MAX_PART_BYTES.min(MAX_UNPACKED_BYTES - total);
        buf.clear();
        (&mut entry)
            .take(max + 1)
            .read_to_end(&mut buf)
            .map_err(|e| LimitError::Zip(format!("{name}: {e}")))?;
        if buf.len() as u64 > max {
            return Err(LimitError::Unpacked {
                part: name,
                max: MAX_PART_BYTES,
            });
        }
        total += buf.len() as u64;
        let lower = name.to_ascii_lowercase();
        let is_sheet = lower.starts_with("xl/worksheets/") && lower.ends_with(".xml");
        if (is_sheet || lower == "xl/sharedstrings.xml") && longest_text_run(&buf) > MAX_CELL_CHARS
        {
            return Err(LimitError::CellTooLong);
        }
        if is_sheet {
            let (rows, columns) = sheet_extent(&buf);
            if rows > MAX_ROWS || columns > MAX_COLUMNS || rows.saturating_mul(columns) > MAX_CELLS
            {
                return Err(LimitError::SheetTooLarge { rows, columns });
            }
        }
    }
    Ok(())
}

/// The longest text between two XML tags, in characters (an entity such as
/// `&amp;` counts as one).
fn longest_text_run(xml: &[u8]) -> usize {
    let chars = |text: &[u8]| {
        let (mut n, mut i) = (0, 0);
        while i < text.len() {
            if text[i] == b'&' {
                let end = text[i..].iter().take(12).position(|b| *b == b';');
                i += end.map(|e| e + 1).unwrap_or(1);
                n += 1;
                continue;
            }
            if text[i] & 0xC0 != 0x80 {
                n += 1;
            }
            i += 1;
        }
        n
    };
    xml.split(|b| *b == b'<')
        .map(|part| match part.iter().position(|b| *b == b'>') {
            Some(p) => chars(&part[p + 1..]),
            None => chars(part),
        })
        .max()
        .unwrap_or(0)
}

/// Column number of letters (A = 1, XFD = 16384); saturates on nonsense.
fn column_number(letters: &[u8]) -> u64 {
    letters.iter().fold(0u64, |n, c| {
        n.saturating_mul(26)
            .saturating_add((c.to_ascii_uppercase() - b'A' + 1) as u64)
    })
}

/// The value of attribute `r` in a tag's text.
fn r_attribute(tag: &[u8]) -> Option<&[u8]> {
    let mut i = 0;
    while i + 3 < tag.len() {
        if tag[i].is_ascii_whitespace() && tag[i + 1] == b'r' {
            let mut j = i + 2;
            while j < tag.len() && tag[j].is_ascii_whitespace() {
                j += 1;
            }
            if j < tag.len() && tag[j] == b'=' {
                j += 1;
                while j < tag.len() && tag[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < tag.len() && (tag[j] == b'"' || tag[j] == b'\'') {
                    let q = tag[j];
                    let start = j + 1;
                    let end = tag[start..].iter().position(|b| *b == q)? + start;
                    return Some(&tag[start..end]);
                }
            }
        }
        i += 1;
    }
    None
}

/// The furthest row and column a worksheet's XML reaches (cells given by
/// reference, and cells without one counted along their row).
fn sheet_extent(xml: &[u8]) -> (u64, u64) {
    let (mut max_row, mut max_col) = (0u64, 0u64);
    let (mut row, mut col) = (0u64, 0u64);
    let mut i = 0;
    while let Some(p) = xml[i..].iter().position(|b| *b == b'<') {
        let start = i + p + 1;
        let Some(len) = xml[start..].iter().position(|b| *b == b'>') else {
            break;
        };
        let tag = &xml[start..start + len];
        i = start + len;
        // The local name, after an optional namespace prefix.
        let name_end = tag
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/')
            .unwrap_or(tag.len());
        let name = &tag[..name_end];
        let local = match name.iter().position(|b| *b == b':') {
            Some(c) => &name[c + 1..],
            None => name,
        };
        match local {
            b"row" => {
                row = r_attribute(tag)
                    .and_then(|v| std::str::from_utf8(v).ok())
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(row + 1);
                col = 0;
                max_row = max_row.max(row);
            }
            b"c" => {
                match r_attribute(tag) {
                    Some(r) => {
                        let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
                        col = column_number(&r[..letters]);
                        if let Some(n) = std::str::from_utf8(&r[letters..])
                            .ok()
                            .and_then(|v| v.trim().parse::<u64>().ok())
                        {
                            row = row.max(n);
                            max_row = max_row.max(n);
                        }
                    }
                    None => col += 1,
                }
                max_col = max_col.max(col);
            }
            _ => {}
        }
    }
    (max_row, max_col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_extent_reads_references_with_or_without_prefix() {
        let xml =
            br#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1"/></row>
            <x:row r="7"><x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row></sheetData></worksheet>"#;
        assert_eq!(sheet_extent(xml), (1_048_576, 16_384));
        let plain = b"<row><c><v>1</v></c><c><v>2</v></c></row><row><c/></row>";
        assert_eq!(sheet_extent(plain), (2, 2));
        assert_eq!(column_number(b"XFD"), 16_384);
        assert_eq!(column_number(b"a"), 1);
        assert_eq!(
            longest_text_run("<t>жж&amp;ж</t><v>12345</v>".as_bytes()),
            5
        );
    }

    #[test]
    fn utf16_is_decoded_and_other_zero_bytes_refused() {
        let text = "фамилия;имя\nАбай;Құнанбай\n";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        let mut bare = Vec::new();
        for u in text.encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
            bare.extend(u.to_le_bytes());
        }
        assert_eq!(text_bytes(&le).unwrap().as_ref(), text.as_bytes());
        assert_eq!(text_bytes(&be).unwrap().as_ref(), text.as_bytes());
        let ascii: Vec<u8> = "surname;name\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(text_bytes(&ascii).unwrap().as_ref(), b"surname;name\n");
        assert_eq!(text_bytes(&bare).unwrap().as_ref(), text.as_bytes());
        assert_eq!(text_bytes(b"a\0\0\0b\0c"), Err(LimitError::Binary));
        assert!(matches!(text_bytes(b"plain"), Ok(Cow::Borrowed(_))));
        // A lone surrogate does not decode.
        assert_eq!(text_bytes(b"\xFF\xFE\x00\xD8"), Err(LimitError::BadUtf16));
    }
}
