//! 工作要点 parsing: the 2019 plan as published (text layout), table layouts, the covering
//! notice, page breaks, and inputs that must be reported rather than dropped.

use gongkai_core::workplan::{deadline_date, parse_plan, PlanLayout, UnitGroup};

const PLAN_2019: &str = include_str!("data/workplan-2019.txt");

#[test]
fn the_2019_plan_is_five_parts_and_fifteen_tasks_with_exactly_their_units() {
    let plan = parse_plan(PLAN_2019);
    assert_eq!(plan.layout, PlanLayout::Text);
    assert_eq!(plan.doc_number, "长净管办〔2019〕41号");
    assert_eq!(plan.title, "净月高新区 2019 年政务公开工作要点及分工方案");
    assert!(plan.unparsed.is_empty(), "unparsed: {:?}", plan.unparsed);
    let headings: Vec<&str> = plan.parts.iter().map(|p| p.heading.as_str()).collect();
    assert_eq!(
        headings,
        ["一、加强解读回应工作力度", "二、强化决策和执行公开力度", "三、强化重点领域信息公开", "四、提升政务服务质量", "五、完善制度规范"]
    );
    assert_eq!(plan.tasks_per_part(), [2, 3, 4, 3, 3]);
    assert_eq!(plan.tasks.len(), 15);
    let all = "各部门、各单位";
    let expected: [(&str, &str, &[&str], &[UnitGroup], bool); 15] = [
        ("（一）", "全面推进重要政策措施的解读", &[], &[UnitGroup::All], false),
        ("（二）", "强化政务舆情回应", &[], &[UnitGroup::All], false),
        ("（一）", "推进重大决策公开", &[], &[UnitGroup::All], false),
        ("（二）", "推进重大部署执行公开", &[], &[UnitGroup::All], false),
        (
            "（三）",
            "推动行政执法信息公开",
            &["财政局", "规划局", "社会发展局", "教育局", "城市建设管理委员会", "安全生产监督管理局", "农业水利发展局", "林业局", "卫生健康管理局", "文化旅游局", "市容环境卫生管理局", "环境保护分局", "净月工商分局", "净月税务局", "净月质监分局", "净月食药分局"],
            &[UnitGroup::Townships],
            false,
        ),
        (
            "（一）",
            "推进“放管服”改革信息公开",
            &["经济发展局", "规划局", "社会发展局", "城市建设管理委员会", "卫生健康管理局", "净月工商分局", "净月税务局", "净月公安分局", "净月质监分局", "净月食药分局", "政务服务中心"],
            &[],
            false,
        ),
        (
            "（二）",
            "推进重点民生领域信息公开",
            &["财政局", "人力资源和社会保障局", "社会发展局", "教育局", "城市建设管理委员会", "农业水利发展局", "卫生健康管理局", "文化旅游局", "住房保障和房产管理局", "园林绿化处", "房屋征收工作管理办公室", "房屋征收第一办公室", "房屋征收第二办公室", "房屋征收第三办公室", "房屋征收第四办公室", "土地工作站", "市规划和自然资源局净月分局"],
            &[],
            false,
        ),
        ("（三）", "深化财政领域信息公开", &["财政局"], &[], false),
        ("（四）", "加强基层政务公开", &[], &[UnitGroup::Townships], false),
        ("（一）", "加强网站建设", &[], &[UnitGroup::All], false),
        ("（二）", "推进政务新媒体建设与应用", &["新闻信息中心", "政务服务中心"], &[], true),
        ("（三）", "推进办事大厅线上线下融合发展", &["政务服务中心", "新闻信息中心"], &[], false),
        ("（一）", "强化政务公开组织领导", &[], &[UnitGroup::All], false),
        ("（二）", "依法实施政府信息公开条例", &[], &[UnitGroup::All], false),
        ("（三）", "加强基础保障工作", &["新闻信息中心"], &[], true),
    ];
    for (i, (task, (label, title, named, groups, incomplete))) in plan.tasks.iter().zip(expected).enumerate() {
        assert_eq!(task.seq as usize, i + 1);
        assert_eq!((task.label.as_str(), task.title.as_str()), (label, title), "task {}", i + 1);
        assert_eq!(task.responsible.named, named, "task {} {title}", i + 1);
        assert!(task.lead.is_empty(), "责任部门 lines name no 牵头单位 (task {})", i + 1);
        assert_eq!(task.responsible.groups, groups, "task {} {title}", i + 1);
        assert_eq!(task.all_units(), groups.contains(&UnitGroup::All), "task {}", i + 1);
        assert_eq!(task.incomplete(), incomplete, "task {}", i + 1);
        if task.all_units() {
            assert_eq!(task.responsible.written_text(), all);
        }
        assert!(!task.requirement.is_empty(), "task {} keeps its text", i + 1);
    }
    // The page break inside task 1's text is joined, the covering notice's text is the header.
    assert!(plan.tasks[0].requirement.contains("以管委会名义制发的政策性文件"));
    assert!(plan.header.iter().any(|h| h.starts_with("做好 2019 年政务公开工作")));
    assert_eq!(plan.footer, ["长春净月高新技术产业开发区管委会办公室", "2019年7月4日"]);
    // The break after 净月公 is joined; no unit ends half-way.
    let names = plan.named_units();
    assert!(names.contains(&"净月公安分局".to_string()));
    assert!(!names.iter().any(|n| n == "净月公" || n == "安分局"));
    assert_eq!(plan.unknown_units(&["财政局", "规划局"]).len(), names.len() - 2);
}

#[test]
fn the_2019_plan_with_its_markdown_marks_parses_the_same() {
    let raw = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/workplan-2019.txt")).unwrap();
    let marked = raw.replace("一、加强解读", "### 一、加强解读").replace("（一）全面推进", "#### **（一）全面推进**");
    let a = parse_plan(&raw);
    let b = parse_plan(&marked);
    assert_eq!(a.tasks, b.tasks);
}

const TABLE: &str = "关于印发《某区2021年政务公开工作要点》的通知\n\
某政办发〔2021〕7号\n\
各镇人民政府、街道办事处，区直各单位：\n\
现将《某区2021年政务公开工作要点》印发给你们，请认真贯彻落实。\n\
附件：1. 某区2021年政务公开工作要点分工\n\
序号\t工作任务\t工作要求\t牵头单位\t配合/责任单位\t完成时限\n\
一、主动公开\t\t\t\t\t\n\
1\t推进决策公开\t公开重大决策草案\t区政府办\t各部门、各单位\t全年\n\
2\t推进财政公开\t公开预决算\t\t区财政局 区审计局\t2021年9月底前\n\
二、依申请公开\n\
3\t规范依申请公开\t按时答复\t区政府办\t区直各单位\t\n\
4\t做好基层公开\t公开到户\t\t各镇、街道\t12月31日\n\
5\t推进行政执法公开\t双公示\t\t区市场监管局、区城管局等相关部门\t\n";

#[test]
fn a_table_plan_counts_its_parts_and_keeps_the_notice_as_header() {
    let plan = parse_plan(TABLE);
    assert_eq!(plan.layout, PlanLayout::Table);
    assert_eq!(plan.doc_number, "某政办发〔2021〕7号");
    assert_eq!(plan.title, "关于印发《某区2021年政务公开工作要点》的通知");
    assert_eq!(plan.header.len(), 5, "front matter: {:?}", plan.header);
    let headings: Vec<&str> = plan.parts.iter().map(|p| p.heading.as_str()).collect();
    assert_eq!(headings, ["一、主动公开", "二、依申请公开"]);
    assert_eq!(plan.tasks_per_part(), [2, 3]);
    assert!(plan.unparsed.is_empty(), "{:?}", plan.unparsed);
    let t = &plan.tasks;
    assert_eq!(t[1].lead.named.len(), 0, "an empty 牵头单位 cell");
    assert_eq!(t[1].responsible.named, ["区财政局", "区审计局"], "one unit per line arrives space-separated");
    assert!(t[0].all_units());
    assert_eq!(t[2].responsible.groups, [UnitGroup::Departments]);
    assert_eq!(t[3].responsible.groups, [UnitGroup::Townships]);
    assert!(t[4].incomplete() && t[4].responsible.named == ["区市场监管局", "区城管局"]);
    assert_eq!(t[1].deadline, "2021年9月底前");
    assert_eq!(deadline_date(&t[1].deadline, 2021).unwrap().to_string(), "2021-09-30");
    assert_eq!(deadline_date(&t[3].deadline, 2021).unwrap().to_string(), "2021-12-31");
}

/// The part heading only in the first row it spans (a merged cell), 牵头单位 empty, 责任单位 header.
#[test]
fn a_part_heading_in_the_first_spanned_row_starts_the_part() {
    let text = "部分\t工作任务\t牵头单位\t责任单位\n\
一、加强政策解读\t政策解读同步\t\t各部门\n\
\t解读形式多样\t区政府办\t区融媒体中心\n\
二、平台建设\t网站集约化\t区大数据局\t\n\
\t新媒体管理\t\t区融媒体中心、区大数据局\n\
\t政务热线\t\t区12345中心\n";
    let plan = parse_plan(text);
    assert_eq!(plan.tasks_per_part(), [2, 3]);
    assert_eq!(plan.parts[1].heading, "二、平台建设");
    assert_eq!(plan.tasks[2].lead.named, ["区大数据局"]);
}

#[test]
fn items_numbered_1_and_trailing_parentheses() {
    let text = "某区2022年政务公开工作要点\n\
一、深化重点领域公开\n\
1. 推进财政预决算公开。按规定公开预决算。（牵头单位：区财政局；配合单位：区直各单位）\n\
2. 推进重大项目公开。\n\
公开批准和实施信息（责任单位：区发改局、区住建局）\n\
二、加强平台建设\n\
办好政府网站。\n\
责任单位：区大数据局\n";
    let plan = parse_plan(text);
    assert!(plan.unparsed.is_empty(), "{:?}", plan.unparsed);
    assert_eq!(plan.tasks_per_part(), [2, 1]);
    let t = &plan.tasks;
    assert_eq!((t[0].label.as_str(), t[0].title.as_str()), ("1.", "推进财政预决算公开"));
    assert_eq!(t[0].lead.named, ["区财政局"]);
    assert_eq!(t[0].responsible.groups, [UnitGroup::Departments]);
    assert_eq!(t[1].responsible.named, ["区发改局", "区住建局"]);
    assert!(!t[1].requirement.contains("责任单位"));
    // A part heading carrying its own task.
    assert_eq!((t[2].label.as_str(), t[2].title.as_str()), ("二、", "加强平台建设"));
    assert_eq!(t[2].responsible.named, ["区大数据局"]);
}

#[test]
fn lines_that_fit_nowhere_are_reported_not_dropped() {
    let text = "一、公开\n（一）任务甲\n正文\n责任单位：甲局\n一段无法归属的文字\n（二）任务乙\n正文\n";
    let plan = parse_plan(text);
    assert_eq!(plan.tasks.len(), 2);
    let reasons: Vec<(usize, &str)> = plan.unparsed.iter().map(|u| (u.line, u.text.as_str())).collect();
    assert_eq!(reasons, [(5, "一段无法归属的文字"), (6, "（二）任务乙")]);
}
