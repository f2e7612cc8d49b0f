//! 证件号码: checksums of the 居民身份证号码 (GB 11643, ISO 7064 MOD 11-2) and the 统一社会信用代码
//! (GB 32100), and the masking of ID and phone numbers in lists and exports.
//!
//! A checksum catches most typing slips at registration, while the applicant is still at the
//! counter; masking keeps personal data off screens and spreadsheets that travel.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// 证件类型 of an applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IdKind {
    /// No document recorded (allowed: Art. 29 asks for 身份证明, but old ledgers often lack it).
    None,
    /// 居民身份证
    ResidentId,
    /// 统一社会信用代码
    CreditCode,
    /// 其他证件 (passport, 港澳居民来往内地通行证, …): not checked.
    Other,
}

impl IdKind {
    pub const ALL: [IdKind; 4] = [IdKind::None, IdKind::ResidentId, IdKind::CreditCode, IdKind::Other];

    pub fn code(self) -> &'static str {
        match self {
            IdKind::None => "none",
            IdKind::ResidentId => "resident_id",
            IdKind::CreditCode => "credit_code",
            IdKind::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<IdKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            IdKind::None => "未登记",
            IdKind::ResidentId => "居民身份证",
            IdKind::CreditCode => "统一社会信用代码",
            IdKind::Other => "其他证件",
        }
    }
}

/// Checks `number` as a document of `kind` and returns it normalised (trimmed, upper case).
/// The error is a Chinese sentence without the field name, so callers can prefix row and column.
pub fn check_id(kind: IdKind, number: &str) -> Result<String, String> {
    let n = number.trim().to_uppercase();
    match kind {
        IdKind::None => {
            if n.is_empty() {
                Ok(n)
            } else {
                Err("填写了证件号码，请选择证件类型".into())
            }
        }
        IdKind::ResidentId => check_resident_id(&n).map(|()| n),
        IdKind::CreditCode => check_credit_code(&n).map(|()| n),
        IdKind::Other => {
            if n.is_empty() {
                Err("请填写证件号码".into())
            } else if n.chars().count() > 40 || n.chars().any(char::is_control) {
                Err("证件号码过长或含有控制字符".into())
            } else {
                Ok(n)
            }
        }
    }
}

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: &[u8; 11] = b"10X98765432";

/// 居民身份证号码 (GB 11643-1999): 17 digits, a valid birth date in digits 7–14, and the
/// ISO 7064 MOD 11-2 check character (0–9 or X).
pub fn check_resident_id(n: &str) -> Result<(), String> {
    let b = n.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return Err("居民身份证号码应为 18 位：前 17 位是数字，最后一位是数字或 X".into());
    }
    let birth = &n[6..14];
    if NaiveDate::parse_from_str(birth, "%Y%m%d").is_err() {
        return Err(format!("居民身份证号码中的出生日期“{birth}”不是真实日期"));
    }
    let sum: u32 = b[..17]
        .iter()
        .zip(ID_WEIGHTS)
        .map(|(c, w)| u32::from(c - b'0') * w)
        .sum();
    let want = ID_CHECK[(sum % 11) as usize];
    if b[17] != want {
        return Err(format!(
            "居民身份证号码校验位不正确（按前 17 位应为 {}），请核对",
            want as char
        ));
    }
    Ok(())
}

/// The 31 characters of GB 32100 (no I, O, Z, S, V), in value order.
const USCC_CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// 统一社会信用代码 (GB 32100-2015): 18 characters from the 31-character set, the 9-digit 组织机构代码
/// part included, and the MOD 31 check character.
pub fn check_credit_code(n: &str) -> Result<(), String> {
    let values: Option<Vec<u32>> = n.chars().map(|c| USCC_CHARS.find(c).map(|i| i as u32)).collect();
    let Some(values) = values.filter(|v| v.len() == 18) else {
        return Err("统一社会信用代码应为 18 位，由数字和除 I、O、Z、S、V 以外的大写字母组成".into());
    };
    let sum: u32 = values[..17].iter().zip(USCC_WEIGHTS).map(|(v, w)| v * w).sum();
    let check = (31 - sum % 31) % 31;
    if values[17] != check {
        let want = USCC_CHARS.as_bytes()[check as usize] as char;
        return Err(format!("统一社会信用代码校验位不正确（按前 17 位应为 {want}），请核对"));
    }
    Ok(())
}

/// Masks an ID number for lists and exports: the first 6 (the issuing area) and the last 4 stay.
pub fn mask_id(n: &str) -> String {
    let chars: Vec<char> = n.trim().chars().collect();
    match chars.len() {
        0 => String::new(),
        len if len > 10 => keep_ends(&chars, 6, 4),
        len if len > 4 => keep_ends(&chars, 1, 2),
        len => "*".repeat(len),
    }
}

/// Masks a phone number: 3 + 4 for mobiles and longer numbers (139****1234), the last 2 otherwise.
pub fn mask_phone(n: &str) -> String {
    let chars: Vec<char> = n.trim().chars().collect();
    match chars.len() {
        0 => String::new(),
        len if len >= 10 => keep_ends(&chars, 3, 4),
        len if len > 4 => keep_ends(&chars, 0, 2),
        len => "*".repeat(len),
    }
}

fn keep_ends(chars: &[char], head: usize, tail: usize) -> String {
    let len = chars.len();
    let mut s: String = chars[..head].iter().collect();
    s.push_str(&"*".repeat(len - head - tail));
    s.extend(&chars[len - tail..]);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resident_id_checksum() {
        // The worked example of GB 11643-1999.
        assert_eq!(check_resident_id("11010519491231002X"), Ok(()));
        assert!(check_resident_id("110105194912310021").unwrap_err().contains("应为 X"));
        assert!(check_resident_id("11010519491331002X")
            .unwrap_err()
            .contains("出生日期"));
        assert!(check_resident_id("1101051949123100").unwrap_err().contains("18 位"));
        assert_eq!(
            check_id(IdKind::ResidentId, " 11010519491231002x ").unwrap(),
            "11010519491231002X"
        );
    }

    #[test]
    fn credit_code_checksum() {
        // The example printed in GB 32100-2015.
        assert_eq!(check_credit_code("91350100M000100Y43"), Ok(()));
        assert!(check_credit_code("91350100M000100Y44").unwrap_err().contains("应为 3"));
        assert!(check_credit_code("91350100M000100I43").unwrap_err().contains("18 位"));
    }

    #[test]
    fn masking_keeps_only_the_ends() {
        assert_eq!(mask_id("11010519491231002X"), "110105********002X");
        assert_eq!(mask_phone("13201071364"), "132****1364");
        assert_eq!(mask_phone("0431-81234567"), "043******4567");
        assert_eq!(mask_phone("12345"), "***45");
        assert_eq!(mask_id(""), "");
    }
}
