//! The 依申请公开 import template (issue 23): the import's columns in its order, the required ones
//! in red, an example row, and a sheet saying what each column takes. The importer is
//! `crate::requests::exchange`; this file only writes the blank form for it.

use rust_xlsxwriter::{Color, Format, Workbook, XlsxError};

use super::exchange::{COLUMNS, REQUIRED};
use crate::{Error, Result};

fn fail(e: XlsxError) -> Error {
    Error::Validation(format!("生成 Excel 文件失败（{e}）"))
}

/// What each column takes, shown on the 填写说明 sheet.
const NOTES: [(&str, &str); 12] = [
    ("受理编号", "本机关的受理编号，不能重复，例如 2025-001"),
    ("申请人类型", "自然人、商业企业、科研机构、社会公益组织、法律服务机构或其他"),
    ("申请人", "姓名或单位名称"),
    ("证件号码", "可留空；居民身份证号码会校验"),
    ("联系方式", "电话或地址，可留空"),
    ("申请方式", "当面、邮寄、网络、传真或其他"),
    ("收到日期", "2025-03-04、2025/3/4、2025年3月4日 或 Excel 日期"),
    ("申请内容", "申请公开的政府信息的描述"),
    ("办结日期", "已办结的填写；留空表示仍在办理"),
    ("办理结果", "已办结的填写年度报告表三的结果，例如 予以公开、信息不存在"),
    ("获取形式", "纸质、电子等，可留空"),
    ("获取方式", "邮寄、自行领取、电子邮件等，可留空"),
];

/// The blank import form as an .xlsx workbook.
pub fn template_xlsx() -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("依申请公开").map_err(fail)?;
    let head = Format::new().set_bold().set_background_color(Color::RGB(0xDDEBF7));
    let required = head.clone().set_font_color(Color::RGB(0xC00000));
    let example = ["2025-001", "自然人", "张三", "", "", "邮寄", "2025-03-04", "申请公开某道路工程的批复文件", "2025-03-20", "予以公开", "纸质", "邮寄"];
    for (c, name) in COLUMNS.iter().enumerate() {
        let fmt = if REQUIRED.contains(name) { &required } else { &head };
        sheet.write_string_with_format(0, c as u16, *name, fmt).map_err(fail)?;
        sheet.write_string(1, c as u16, example[c]).map_err(fail)?;
        sheet.set_column_width(c as u16, if *name == "申请内容" { 40.0 } else { 14.0 }).map_err(fail)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(fail)?;
    let notes = book.add_worksheet();
    notes.set_name("填写说明").map_err(fail)?;
    notes.set_column_width(0, 14.0).map_err(fail)?;
    notes.set_column_width(1, 80.0).map_err(fail)?;
    notes.write_string(0, 0, "列").map_err(fail)?;
    notes.write_string(0, 1, "填写（红色表头为必填；第 2 行是示例，导入前请删除）").map_err(fail)?;
    for (r, (col, what)) in NOTES.iter().enumerate() {
        notes.write_string(r as u32 + 1, 0, *col).map_err(fail)?;
        notes.write_string(r as u32 + 1, 1, *what).map_err(fail)?;
    }
    book.save_to_buffer().map_err(fail)
}
