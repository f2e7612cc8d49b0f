//! The table layout: a Word table copied as text (or an .xlsx's rows) arrives as tab-separated
//! rows. A header row names the columns (工作任务 | 工作要求 | 牵头单位 | 配合单位, or 责任单位, or
//! 配合/责任单位; 序号, 完成时限 and a part column are optional). A part heading sits alone on its
//! own row, or only in the part column of the first row it spans. Rows before the header are the
//! covering notice's front matter.

use super::{header_facts, part_heading, parse_units, Line, ParsedPlan, PlanLayout, PlanLine, PlanPart, PlanTask};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Number,
    Task,
    Requirement,
    Lead,
    Responsible,
    Deadline,
    Other,
}

fn classify(header: &str) -> Column {
    let h: String = header.chars().filter(|c| !super::is_blank(*c)).collect();
    let unit = h.contains("单位") || h.contains("部门");
    if h == "序号" || h == "编号" || h == "序" {
        Column::Number
    } else if h.contains("牵头") {
        Column::Lead
    } else if (h.contains("配合") || h.contains("责任") || h.contains("协办") || h.contains("参与")) && unit || h == "责任单位" {
        Column::Responsible
    } else if h.contains("时限") || h.contains("完成时间") || h.contains("时间节点") || h == "时间" {
        Column::Deadline
    } else if h.contains("要求") || h.contains("措施") || h.contains("具体内容") || h == "内容" {
        Column::Requirement
    } else if h.contains("任务") || h.contains("工作内容") || h.contains("事项") || h.contains("重点工作") {
        Column::Task
    } else {
        Column::Other
    }
}

fn cells(line: &Line) -> Vec<String> {
    line.text.split('\t').map(|c| c.trim().to_string()).collect()
}

/// Index of the header row: a tabbed row naming a task (or requirement) column and a unit column.
pub(crate) fn find_header(lines: &[Line]) -> Option<usize> {
    lines.iter().position(|l| {
        if !l.tabbed {
            return false;
        }
        let cols: Vec<Column> = cells(l).iter().map(|c| classify(c)).collect();
        let task = cols.iter().any(|c| matches!(c, Column::Task | Column::Requirement));
        let units = cols.iter().any(|c| matches!(c, Column::Lead | Column::Responsible));
        task && units
    })
}

pub(crate) fn parse(lines: &[Line], header_at: usize) -> ParsedPlan {
    let mut plan = ParsedPlan {
        layout: PlanLayout::Table,
        doc_number: String::new(),
        title: String::new(),
        header: lines[..header_at].iter().map(|l| l.text.replace('\t', " ").trim().to_string()).collect(),
        footer: Vec::new(),
        parts: Vec::new(),
        tasks: Vec::new(),
        unparsed: Vec::new(),
    };
    let cols: Vec<Column> = cells(&lines[header_at]).iter().map(|c| classify(c)).collect();
    let find = |want: Column| cols.iter().position(|c| *c == want);
    let task_col = find(Column::Task);
    let req_col = find(Column::Requirement);
    let main_col = task_col.or(req_col).expect("find_header saw a task column");
    let lead_col = find(Column::Lead);
    let resp_col = find(Column::Responsible);
    let deadline_col = find(Column::Deadline);
    // The part column: an unnamed or unknown column before the task.
    let part_col = cols.iter().take(main_col).position(|c| *c == Column::Other);
    let cell = |row: &[String], col: Option<usize>| -> String { col.and_then(|c| row.get(c)).cloned().unwrap_or_default() };

    for line in &lines[header_at + 1..] {
        let row = cells(line);
        let filled: Vec<(usize, &String)> = row.iter().enumerate().filter(|(_, c)| !c.is_empty()).collect();
        if filled.is_empty() {
            continue;
        }
        // The header repeated on a new page.
        if row.iter().map(|c| classify(c)).collect::<Vec<_>>() == cols && lead_col.or(resp_col).is_some_and(|c| !cell(&row, Some(c)).is_empty()) {
            continue;
        }
        if filled.len() == 1 {
            // A row merged across the table: a part heading (一、…, or a short line that is not
            // a sentence, in the first, the part or the task column).
            let (at, text) = filled[0];
            let short = text.chars().count() <= 40 && !text.contains('。');
            if part_heading(text).is_some() || (short && (at == 0 || Some(at) == part_col || at == main_col)) {
                plan.parts.push(PlanPart { heading: text.clone(), intro: String::new() });
            } else {
                plan.unparsed.push(PlanLine { line: line.no, text: line.text.replace('\t', " "), reason: "表格行只有一个单元格，无法判断是标题还是任务".into() });
            }
            continue;
        }
        if let Some(p) = part_col {
            let heading = cell(&row, Some(p));
            if !heading.is_empty() && plan.parts.last().is_none_or(|last| last.heading != heading) {
                plan.parts.push(PlanPart { heading, intro: String::new() });
            }
        }
        let title = cell(&row, Some(main_col));
        let requirement = if task_col.is_some() { cell(&row, req_col) } else { String::new() };
        let lead = parse_units(&cell(&row, lead_col));
        let responsible = parse_units(&cell(&row, resp_col));
        if title.is_empty() && requirement.is_empty() {
            plan.unparsed.push(PlanLine { line: line.no, text: line.text.replace('\t', " "), reason: "表格行没有工作任务".into() });
            continue;
        }
        if plan.parts.is_empty() {
            plan.parts.push(PlanPart { heading: String::new(), intro: String::new() });
        }
        let (title, requirement) = if title.is_empty() { (requirement, String::new()) } else { (title, requirement) };
        let task = PlanTask {
            part: plan.parts.len() - 1,
            seq: plan.tasks.len() as u32 + 1,
            label: cell(&row, find(Column::Number)),
            title,
            requirement,
            lead,
            responsible,
            deadline: cell(&row, deadline_col),
            line: line.no,
        };
        if task.has_no_units() {
            plan.unparsed.push(PlanLine { line: line.no, text: format!("{}{}", task.label, task.title), reason: "任务没有牵头单位或责任单位".into() });
        }
        plan.tasks.push(task);
    }
    // Headings after the last task (a 落款 row, a date) carry no task: they are the footer.
    while plan.parts.len() > 1 && plan.tasks.last().is_some_and(|t| t.part < plan.parts.len() - 1) {
        let p = plan.parts.pop().expect("len > 1");
        plan.footer.insert(0, p.heading);
    }
    let (doc_number, title) = header_facts(&plan.header);
    plan.doc_number = doc_number;
    plan.title = title;
    plan
}
