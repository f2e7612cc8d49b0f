//! Synthetic ledgers of realistic shape: requests spread evenly over ten years (so a year holds a
//! tenth of them), mostly concluded, the recent ones partly open; applicants, 身份证 numbers with
//! valid checksums, phone numbers and request texts drawn from Chinese vocabularies; documents of
//! the three categories with unique 文号 per 制发机关. Deterministic: a fixed seed gives the same ledger.

use chrono::{Datelike, Days, NaiveDate};
use gongkai_core::document::{Category, Disclosure, DisclosureMode, Status};
use gongkai_ledger::documents::{DocumentInput, InterpretationInput};

/// Requests are received over this many days ending yesterday.
pub const SPAN_DAYS: u64 = 3650;

/// splitmix64: small, fast, and the same sequence on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
    /// Picks by weight: `(value, weight)` pairs.
    pub fn weighted<'a, T>(&mut self, xs: &'a [(T, u32)]) -> &'a T {
        let total: u64 = xs.iter().map(|(_, w)| *w as u64).sum();
        let mut r = self.below(total);
        for (v, w) in xs {
            if r < *w as u64 {
                return v;
            }
            r -= *w as u64;
        }
        &xs[xs.len() - 1].0
    }
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
    "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平",
    "刚", "桂英", "建华", "志强", "晓东", "海燕", "文博", "子涵", "雨桐", "浩然", "思远", "国庆", "建国", "丽华", "春梅",
];
const PLACES: &[&str] = &[
    "东城街道", "西山镇", "南湖街道", "北苑街道", "青龙镇", "白石乡", "新华街道", "长安街道", "和平街道", "滨江街道",
    "高新园区", "经济开发区", "城关镇", "桃源村", "杏花社区", "锦绣社区", "光明村", "红旗社区",
];
const SUBJECTS: &[&str] = &[
    "房屋征收补偿方案", "国有土地上房屋征收决定", "集体土地征收批复", "建设工程规划许可证", "环境影响评价报告书",
    "拆迁安置补偿标准", "道路改扩建工程立项批复", "城市更新项目实施方案", "老旧小区改造资金使用情况", "低保审批名单",
    "义务教育招生划片方案", "公共租赁住房分配结果", "财政预算执行情况", "政府采购合同", "行政处罚决定书",
    "河道整治工程验收报告", "农村宅基地审批材料", "安全生产事故调查报告", "营商环境优化措施", "生态环境保护督察整改方案",
    "征地补偿款发放明细", "建设用地规划许可", "燃气管道改造工程招标文件", "垃圾分类处理设施选址论证材料",
];
const ORG_KINDS: &[&str] = &["建筑工程有限公司", "商贸有限公司", "科技有限公司", "物业管理有限公司", "房地产开发有限公司"];
const INSTITUTES: &[&str] = &["城市规划研究院", "环境科学研究所", "社会发展研究中心"];
const NGOS: &[&str] = &["环保志愿者协会", "公益基金会", "社区发展促进会"];
const LAW_FIRMS: &[&str] = &["律师事务所", "法律服务所"];

const RESULTS: &[(&str, u32)] = &[
    ("予以公开", 440),
    ("部分公开", 100),
    ("属于国家秘密", 5),
    ("其他法律行政法规禁止公开", 5),
    ("危及“三安全一稳定”", 5),
    ("保护第三方合法权益", 20),
    ("属于三类内部事务信息", 15),
    ("属于四类过程性信息", 30),
    ("属于行政执法案卷", 10),
    ("属于行政查询事项", 10),
    ("本机关不掌握相关政府信息", 180),
    ("没有现成信息需要另行制作", 30),
    ("补正后申请内容仍不明确", 10),
    ("信访举报投诉类申请", 30),
    ("重复申请", 25),
    ("要求提供公开出版物", 5),
    ("无正当理由大量反复申请", 5),
    ("要求行政机关确认或重新出具已获取信息", 10),
    ("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 30),
    ("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 5),
    ("其他", 30),
];

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A 居民身份证 number with a valid ISO 7064 MOD 11-2 check character.
fn resident_id(rng: &mut Rng) -> String {
    let area = 110101 + rng.below(900) as u32;
    let birth = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + Days::new(rng.below(365 * 55));
    let seq = rng.below(1000);
    let body = format!("{area:06}{}{seq:03}", birth.format("%Y%m%d"));
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body.bytes().zip(W).map(|(b, w)| (b - b'0') as u32 * w).sum();
    let check = b"10X98765432"[(sum % 11) as usize] as char;
    format!("{body}{check}")
}

/// One import row in the order of `gongkai_ledger::requests::exchange::COLUMNS`.
pub fn request_row(rng: &mut Rng, i: u64, n: u64, today: NaiveDate) -> [String; 10] {
    let start = today - Days::new(SPAN_DAYS);
    let received = start + Days::new(i * SPAN_DAYS / n.max(1));
    let received = received.min(today - Days::new(1));
    let number = format!("{}-{:07}", received.year(), i + 1);
    let kind = *rng.weighted(&[
        ("自然人", 820u32),
        ("商业企业", 110),
        ("科研机构", 15),
        ("社会公益组织", 15),
        ("法律服务机构", 25),
        ("其他", 15),
    ]);
    let place = rng.pick(PLACES).to_string();
    let (name, id) = match kind {
        "自然人" => (format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN)), resident_id(rng)),
        "商业企业" => (format!("{}{}", place.trim_end_matches(['镇', '乡', '村']), rng.pick(ORG_KINDS)), String::new()),
        "科研机构" => (format!("市{}", rng.pick(INSTITUTES)), String::new()),
        "社会公益组织" => (format!("区{}", rng.pick(NGOS)), String::new()),
        "法律服务机构" => (format!("{}{}", rng.pick(SURNAMES), rng.pick(LAW_FIRMS)), String::new()),
        _ => (format!("{}业主委员会", place), String::new()),
    };
    let phone = format!("1{}{:09}", 3 + rng.below(7), rng.below(1_000_000_000));
    let channel = *rng.weighted(&[("网络", 60u32), ("当面", 20), ("邮寄", 15), ("传真", 2), ("其他", 3)]);
    let content = format!(
        "申请公开{}{}年{}的相关信息，包括审批文件及附件",
        place,
        received.year() - rng.below(3) as i32,
        rng.pick(SUBJECTS)
    );
    let age = (today - received).num_days();
    // Older requests are all concluded; of the last 40 days about half still run.
    let concluded = age > 40 || rng.below(2) == 0;
    let (concluded_date, result) = if concluded {
        let d = (received + Days::new(1 + rng.below(25))).min(today);
        (ymd(d), rng.weighted(RESULTS).to_string())
    } else {
        (String::new(), String::new())
    };
    [number, kind.into(), name, id, phone, channel.into(), ymd(received), content, concluded_date, result]
}

/// Rows `from..to` of an `n`-request ledger as CSV text (no field holds a comma or a quote).
pub fn requests_csv(from: u64, to: u64, n: u64, today: NaiveDate, seed: u64) -> String {
    let mut rng = Rng::new(seed ^ from);
    let mut out = gongkai_ledger::requests::exchange::COLUMNS.join(",");
    out.push('\n');
    for i in from..to {
        out.push_str(&request_row(&mut rng, i, n, today).join(","));
        out.push('\n');
    }
    out
}

/// The same rows as an .xlsx workbook, as a clerk's spreadsheet would hold them.
pub fn requests_xlsx(n: u64, today: NaiveDate, seed: u64) -> Vec<u8> {
    let mut rng = Rng::new(seed);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, name) in gongkai_ledger::requests::exchange::COLUMNS.iter().enumerate() {
        sheet.write_string(0, c as u16, *name).expect("header cell");
    }
    for i in 0..n {
        for (c, v) in request_row(&mut rng, i, n, today).iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(i as u32 + 1, c as u16, v).expect("cell");
            }
        }
    }
    book.save_to_buffer().expect("xlsx in memory")
}

const ISSUERS: &[(&str, &str)] = &[
    ("区人民政府", "区政发"),
    ("区人民政府办公室", "区政办发"),
    ("区发展和改革委员会", "区发改发"),
    ("区教育局", "区教发"),
    ("区财政局", "区财发"),
    ("区生态环境局", "区环发"),
    ("区住房和城乡建设局", "区住建发"),
    ("区市场监督管理局", "区市监发"),
    ("区卫生健康委员会", "区卫健发"),
    ("区应急管理局", "区应急发"),
    ("区人力资源和社会保障局", "区人社发"),
    ("区农业农村局", "区农发"),
];
const DEPARTMENTS: &[&str] = &["办公室", "法制科", "综合科", "规划科", "政策法规科", "行政审批科"];
const TOPICS: &[&str] = &[
    "进一步加强生态环境保护工作", "优化营商环境", "推进义务教育优质均衡发展", "加强安全生产监督管理",
    "规范行政执法行为", "做好城镇老旧小区改造", "推动中小企业高质量发展", "加强城市精细化管理",
    "完善最低生活保障制度", "促进就业创业", "加强耕地保护", "推进数字政府建设", "做好防汛抗旱工作",
    "加强食品安全监管", "规范政府采购管理", "深化医药卫生体制改革", "加强物业管理", "推进垃圾分类",
];
const FORMS: &[&str] = &["实施意见", "管理办法", "工作方案", "若干措施", "暂行规定", "通知", "实施细则"];

/// The `k`-th of `n` documents, published over twenty years ending yesterday.
pub fn document(rng: &mut Rng, k: u64, n: u64, today: NaiveDate) -> DocumentInput {
    let (issuer, abbr) = ISSUERS[(k % ISSUERS.len() as u64) as usize];
    let published = today - Days::new(1 + (n - 1 - k) * 7300 / n.max(1));
    let written = published - Days::new(1 + rng.below(10));
    // k / issuers counts this issuer's documents; unique per issuer across all years.
    let seq = k / ISSUERS.len() as u64 + 1;
    let category = *rng.weighted(&[(Category::Rule, 5u32), (Category::Normative, 35), (Category::OtherPolicy, 60)]);
    let repealed = published < today - Days::new(3650) && rng.below(3) == 0;
    let interpreted = rng.below(10) < 3;
    DocumentInput {
        title: format!("{issuer}关于{}的{}", rng.pick(TOPICS), rng.pick(FORMS)),
        doc_number: format!("{abbr}〔{}〕{seq}号", published.year()),
        category: Some(category),
        issuer: issuer.into(),
        drafting_department: rng.pick(DEPARTMENTS).to_string(),
        written_on: Some(ymd(written)),
        published_on: Some(ymd(published)),
        effective_on: Some(ymd(published + Days::new(30))),
        valid_until: None,
        status: Some(if repealed { Status::Repealed } else { Status::InForce }),
        status_date: repealed.then(|| ymd(published + Days::new(1000))),
        disclosure: Some(Disclosure::Full),
        disclosure_reason: String::new(),
        disclosure_mode: Some(DisclosureMode::Active),
        secrecy_reviewed: Some(true),
        secrecy_reviewer: format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN)),
        secrecy_reviewed_on: Some(ymd(written)),
        no_interpretation_reason: (!interpreted).then(|| "不涉及公众切身利益".to_string()),
        portal_published_on: Some(ymd(published + Days::new(rng.below(5)))),
        portal_url: format!("http://www.example.gov.cn/zwgk/{k}.html"),
        index_number: String::new(),
        status_basis: String::new(),
        note: String::new(),
        interpretations: if interpreted {
            vec![InterpretationInput {
                title: "政策解读".into(),
                form: None,
                published_on: Some(ymd(published)),
                url: String::new(),
            }]
        } else {
            vec![]
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resident_ids_pass_the_ledgers_checksum() {
        let mut rng = Rng::new(7);
        for _ in 0..200 {
            let id = resident_id(&mut rng);
            assert!(gongkai_core::identity::check_id(gongkai_core::identity::IdKind::ResidentId, &id).is_ok(), "{id}");
        }
    }

    #[test]
    fn a_year_holds_a_tenth_of_the_requests_and_old_ones_are_concluded() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let n = 10_000;
        let mut rng = Rng::new(1);
        let rows: Vec<_> = (0..n).map(|i| request_row(&mut rng, i, n, today)).collect();
        let in_2025 = rows.iter().filter(|r| r[6].starts_with("2025-")).count();
        assert!((950..=1050).contains(&in_2025), "{in_2025}");
        assert!(rows.iter().filter(|r| r[6].as_str() < "2026-10-01").all(|r| !r[8].is_empty()));
        assert!(rows.iter().any(|r| r[8].is_empty()), "some recent requests are still open");
    }
}
