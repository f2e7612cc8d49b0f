//! The .xls side of the guard. An .xls is a compound file (CFB) holding a BIFF record stream;
//! calamine reads every sheet when it opens the file, reserving what each DIMENSIONS record
//! declares and then allocating each sheet's box. The format's own grid is 256 columns × 65,536
//! rows, but records carry wider numbers (rows in DIMENSIONS as u32, columns in cells as u16), so
//! a forged or damaged file could still ask for terabytes. The guard walks the same records the
//! way calamine does (the Workbook stream through the FAT, each sheet from its BoundSheet8
//! offset, CONTINUE records joined, nested substreams skipped) and refuses a DIMENSIONS beyond the
//! grid, a box beyond the limits, and a chain of sectors that loops or leaves the file.

use super::{damaged, UsedBox, MAX_CELLS};
use crate::Result;

/// The format's own grid.
const XLS_ROWS: u64 = 65_536;
const XLS_COLUMNS: u64 = 256;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// Sector numbers from here on are markers (free, end of chain, FAT, DIFAT), not sectors.
const MAX_REGULAR_SECTOR: u32 = 0xFFFF_FFFA;

pub(super) fn check(bytes: &[u8]) -> Result<()> {
    let stream = workbook_stream(bytes).ok_or_else(|| damaged("复合文档结构无效"))?;
    let Some(stream) = stream else { return Ok(()) };
    for (n, pos) in sheet_offsets(&stream).into_iter().enumerate() {
        let sheet = if n == 0 { "工作表".to_string() } else { format!("第{}个工作表", n + 1) };
        check_sheet(&stream, pos, &sheet)?;
    }
    Ok(())
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The Workbook (or Book) stream: Some(None) when the file has none (calamine says so itself),
/// None when the compound file's structure is broken in a way calamine might not survive.
fn workbook_stream(b: &[u8]) -> Option<Option<Vec<u8>>> {
    let sector_size: usize = match u16_at(b, 0x1E)? {
        9 => 512,
        12 => 4096,
        _ => return Some(None),
    };
    let sector = |id: u32| -> Option<&[u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(sector_size)?;
        (start < b.len()).then(|| &b[start..(start + sector_size).min(b.len())])
    };
    let max_sectors = b.len() / sector_size + 1;
    // The FAT's sectors: 109 in the header, the rest along the DIFAT chain.
    let mut fat_sectors: Vec<u32> = (0..109).filter_map(|i| u32_at(b, 0x4C + 4 * i)).collect();
    let mut next = u32_at(b, 0x44)?;
    let mut steps = 0;
    while next < MAX_REGULAR_SECTOR {
        steps += 1;
        if steps > max_sectors {
            return None;
        }
        let s = sector(next)?;
        let ids: Vec<u32> = s.chunks_exact(4).map(|c| u32::from_le_bytes(c.try_into().unwrap())).collect();
        let (&last, rest) = ids.split_last()?;
        fat_sectors.extend_from_slice(rest);
        next = last;
    }
    let mut fat = Vec::new();
    for id in fat_sectors.into_iter().filter(|&id| id < MAX_REGULAR_SECTOR) {
        if fat.len() > max_sectors * sector_size {
            return None;
        }
        fat.extend(sector(id)?.chunks_exact(4).map(|c| u32::from_le_bytes(c.try_into().unwrap())));
    }
    let dirs = chain(u32_at(b, 0x30)?, usize::MAX, sector_size, &fat, sector)?;
    let entries: Vec<(String, u32, usize)> = dirs
        .chunks_exact(128)
        .map(|e| {
            let units: Vec<u16> = e[..64].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
            let name: String = String::from_utf16_lossy(&units).split('\0').next().unwrap_or_default().to_string();
            let len = if sector_size == 512 { u64::from(u32_at(e, 120).unwrap_or(0)) } else { u64::from_le_bytes(e[120..128].try_into().unwrap()) };
            (name, u32_at(e, 116).unwrap_or(END_OF_CHAIN), usize::try_from(len).unwrap_or(usize::MAX))
        })
        .collect();
    let root = entries.first()?;
    let find = |name: &str| entries.iter().find(|(n, ..)| n.eq_ignore_ascii_case(name));
    let Some(&(_, start, len)) = find("Workbook").or_else(|| find("Book")) else { return Some(None) };
    if len < 4096 {
        let mini_stream = chain(root.1, root.2, sector_size, &fat, sector)?;
        let mini_fat_len = (u32_at(b, 0x40)? as usize).checked_mul(sector_size)?;
        let mini_fat: Vec<u32> = chain(u32_at(b, 0x3C)?, mini_fat_len, sector_size, &fat, sector)?
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().unwrap()))
            .collect();
        let mini = |id: u32| -> Option<&[u8]> {
            let at = (id as usize).checked_mul(64)?;
            (at < mini_stream.len()).then(|| &mini_stream[at..(at + 64).min(mini_stream.len())])
        };
        Some(Some(chain(start, len, 64, &mini_fat, mini)?))
    } else {
        Some(Some(chain(start, len, sector_size, &fat, sector)?))
    }
}

/// The bytes of a chain of sectors from `start`, at most `len`; None when the chain loops or
/// leaves the file or its table.
fn chain<'a>(start: u32, len: usize, size: usize, table: &[u32], get: impl Fn(u32) -> Option<&'a [u8]>) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut id = start;
    let mut steps = 0;
    while id != END_OF_CHAIN && out.len() < len {
        steps += 1;
        if steps > table.len() + 1 {
            return None;
        }
        let s = get(id)?;
        out.extend_from_slice(&s[..s.len().min(len - out.len()).min(size)]);
        id = *table.get(id as usize)?;
    }
    Some(out)
}

/// BIFF records as calamine iterates them: (type, data), CONTINUE records folded into the one
/// before; stops where calamine would stop with an error.
fn records(mut s: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let typ = u16_at(s, 0)?;
        let len = u16_at(s, 2)? as usize;
        let data = s.get(4..4 + len)?;
        s = &s[4 + len..];
        if s.len() > 4 && u16_at(s, 0) == Some(0x003C) {
            while s.len() > 4 && u16_at(s, 0) == Some(0x003C) {
                let len = u16_at(s, 2)? as usize;
                s.get(4..4 + len)?;
                s = &s[4 + len..];
            }
        }
        Some((typ, data))
    })
}

/// Each sheet's offset in the stream, from the globals' BoundSheet8 records.
fn sheet_offsets(stream: &[u8]) -> Vec<usize> {
    records(stream)
        .take_while(|(typ, _)| *typ != 0x000A)
        .filter(|(typ, _)| *typ == 0x0085)
        .filter_map(|(_, data)| Some(u32_at(data, 0)? as usize))
        .collect()
}

fn check_sheet(stream: &[u8], pos: usize, sheet: &str) -> Result<()> {
    let Some(records_at) = stream.get(pos..) else {
        return Err(damaged("工作表的位置超出了文件"));
    };
    let mut used = UsedBox::default();
    let (mut seen_bof, mut depth) = (false, 0usize);
    for (typ, data) in records(records_at) {
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let at = |i: usize| u16_at(data, i).map(u32::from);
        match typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            0x0200 => check_dimensions(data)?,
            // Number, Label, RString, BoolErr, RK, LabelSst, Formula: one cell each.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                if let (Some(row), Some(col)) = (at(0), at(2)) {
                    used.add(row, col);
                }
            }
            // MulRk: a run of cells in one row.
            0x00BD if data.len() >= 6 => {
                let (row, first, last) = (at(0).unwrap_or(0), at(2).unwrap_or(0), at(data.len() - 2).unwrap_or(0));
                if last < first {
                    return Err(damaged("单元格记录无效"));
                }
                used.add(row, first);
                used.add(row, last);
            }
            _ => {}
        }
    }
    used.check(sheet)
}

/// A DIMENSIONS record as calamine reads it: beyond the format's grid, or ending before it
/// starts, it is forged or damaged (calamine would reserve, or miscount, from it).
fn check_dimensions(r: &[u8]) -> Result<()> {
    let (rf, rl, mut cf, cl) = match r.len() {
        10 => (u64::from(u16_at(r, 0).unwrap_or(0)), u64::from(u16_at(r, 2).unwrap_or(0)), u16_at(r, 4).unwrap_or(0), u16_at(r, 6).unwrap_or(0)),
        14 | 16 => (u64::from(u32_at(r, 0).unwrap_or(0)), u64::from(u32_at(r, 4).unwrap_or(0)), u16_at(r, 8).unwrap_or(0), u16_at(r, 10).unwrap_or(0)),
        _ => return Ok(()), // calamine refuses the length itself
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    if rl == 0 || cl == 0 {
        return Ok(());
    }
    let (rows, cols) = (rl.checked_sub(rf), u64::from(cl).checked_sub(u64::from(cf)));
    match (rows, cols) {
        (Some(rows), Some(cols)) if rows >= 1 && cols >= 1 && rows <= XLS_ROWS && cols <= XLS_COLUMNS && rows * cols <= MAX_CELLS => Ok(()),
        _ => Err(damaged("工作表的范围记录超出了 .xls 格式的 256 列 × 65536 行")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((data.len() as u16).to_le_bytes());
        r.extend(data);
        r
    }

    /// A BIFF8 workbook stream of 4096 bytes: one sheet holding `dimensions` and numbers in A1
    /// and at `cell`.
    fn workbook(dimensions: &[u8], cell: (u16, u16)) -> Vec<u8> {
        let bof = |dt: u16| record(0x0809, &[&0x0600u16.to_le_bytes()[..], &dt.to_le_bytes(), &[0; 12]].concat());
        let globals_len = bof(5).len() + 4 + 9 + 4;
        let mut s = bof(5);
        s.extend(record(0x0085, &[&(globals_len as u32).to_le_bytes()[..], &[0, 0, 1, 0, b'S']].concat()));
        s.extend(record(0x000A, &[]));
        assert_eq!(s.len(), globals_len);
        s.extend(bof(0x10));
        s.extend(record(0x0200, dimensions));
        for (row, col) in [(0u16, 0u16), cell] {
            let number = [&row.to_le_bytes()[..], &col.to_le_bytes(), &[0, 0], &1.5f64.to_le_bytes()].concat();
            s.extend(record(0x0203, &number));
        }
        s.extend(record(0x000A, &[]));
        s.resize(4096, 0);
        s
    }

    fn dims(rows: (u32, u32), cols: (u16, u16)) -> Vec<u8> {
        [&rows.0.to_le_bytes()[..], &rows.1.to_le_bytes(), &cols.0.to_le_bytes(), &cols.1.to_le_bytes(), &[0, 0]].concat()
    }

    /// A compound file of 512-byte sectors: FAT in sector 0, directory in 1, the stream from 2.
    fn cfb(stream: &[u8], fat_loop: bool) -> Vec<u8> {
        let mut h = vec![0u8; 512];
        h[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        let put = |h: &mut Vec<u8>, at: usize, v: &[u8]| h[at..at + v.len()].copy_from_slice(v);
        put(&mut h, 0x18, &0x3Eu16.to_le_bytes());
        put(&mut h, 0x1A, &3u16.to_le_bytes());
        put(&mut h, 0x1C, &0xFFFEu16.to_le_bytes());
        put(&mut h, 0x1E, &9u16.to_le_bytes());
        put(&mut h, 0x20, &6u16.to_le_bytes());
        put(&mut h, 0x2C, &1u32.to_le_bytes());
        put(&mut h, 0x30, &1u32.to_le_bytes());
        put(&mut h, 0x38, &4096u32.to_le_bytes());
        put(&mut h, 0x3C, &END_OF_CHAIN.to_le_bytes());
        put(&mut h, 0x44, &END_OF_CHAIN.to_le_bytes());
        for i in 0..109 {
            put(&mut h, 0x4C + 4 * i, &(if i == 0 { 0 } else { u32::MAX }).to_le_bytes());
        }
        let sectors = stream.len().div_ceil(512) as u32;
        let mut fat: Vec<u32> = vec![0xFFFF_FFFD, END_OF_CHAIN];
        fat.extend((0..sectors).map(|i| if i + 1 == sectors { END_OF_CHAIN } else { 3 + i }));
        if fat_loop {
            fat[1] = 1; // the directory's chain points back at itself
        }
        fat.resize(128, u32::MAX);
        let mut out = h;
        out.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
        let entry = |name: &str, typ: u8, start: u32, size: u32| {
            let mut e = vec![0u8; 128];
            let units: Vec<u8> = name.encode_utf16().chain([0]).flat_map(|u| u.to_le_bytes()).collect();
            e[..units.len()].copy_from_slice(&units);
            e[64..66].copy_from_slice(&(units.len() as u16).to_le_bytes());
            e[66] = typ;
            e[116..120].copy_from_slice(&start.to_le_bytes());
            e[120..124].copy_from_slice(&size.to_le_bytes());
            e
        };
        out.extend(entry("Root Entry", 5, END_OF_CHAIN, 0));
        out.extend(entry("Workbook", 2, 2, stream.len() as u32));
        out.extend(vec![0u8; 256]);
        out.extend(stream);
        out
    }

    #[test]
    fn a_sane_xls_passes_and_calamine_reads_it_the_same() {
        let file = cfb(&workbook(&dims((0, 2), (0, 2)), (1, 1)), false);
        check(&file).unwrap();
        let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(file)).unwrap();
        use calamine::Reader;
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        assert_eq!((range.start(), range.end()), (Some((0, 0)), Some((1, 1))));
    }

    #[test]
    fn far_cells_forged_dimensions_and_looping_chains_are_refused() {
        let far = cfb(&workbook(&dims((0, 2), (0, 2)), (1, 65_535)), false);
        let m = check(&far).unwrap_err().to_string();
        assert!(m.contains("工作表在 CRXP2 有内容，超出导入范围（最多 200 列）"), "{m}");
        for forged in [dims((0, u32::MAX), (0, 256)), dims((0, 65_537), (0, 1)), dims((5, 3), (0, 1)), dims((0, 1), (4, 4))] {
            let file = cfb(&workbook(&forged, (0, 0)), false);
            let m = check(&file).unwrap_err().to_string();
            assert!(m.contains("范围记录"), "{m}");
        }
        let looping = cfb(&workbook(&dims((0, 2), (0, 2)), (1, 1)), true);
        let m = check(&looping).unwrap_err().to_string();
        assert!(m.contains("复合文档结构无效"), "{m}");
    }
}
