//! Where a long import is, row by row, for the window's progress bar (and anyone else who asks).
//! Both importers report through a [`Progress`]: the rows they have validated, then the rows
//! they have written inside the import's transaction (or, for requests, which are checked and
//! written at once, the rows written, then, once a row fails, the rows checked). Reports are thinned to about one per
//! percent, so a million-row file sends a hundred messages per stage, not a million.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The stage an import is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportStage {
    /// 逐行校验: every row is checked before anything is written.
    Validating,
    /// 写入台账: the checked rows are written in one transaction.
    Writing,
    /// 逐行校验并写入: rows are checked on one thread while those already checked are written on
    /// another, in one transaction (the request import); `done` counts rows written.
    CheckingAndWriting,
}

impl ImportStage {
    pub fn label(self) -> &'static str {
        match self {
            ImportStage::Validating => "正在逐行校验",
            ImportStage::Writing => "正在写入台账",
            ImportStage::CheckingAndWriting => "正在逐行校验并写入台账",
        }
    }
}

/// One progress report: `done` of `total` rows of `stage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportProgress {
    pub stage: ImportStage,
    pub done: u32,
    pub total: u32,
}

/// A sink for progress reports that thins them out.
pub struct Progress<'a> {
    sink: Option<&'a mut dyn FnMut(ImportProgress)>,
    stage: ImportStage,
    total: u32,
    step: u32,
    next: u32,
    /// The last `done` reported in this stage: a report never repeats it.
    last: Option<u32>,
}

impl<'a> Progress<'a> {
    /// Reports to `sink`.
    pub fn new(sink: &'a mut dyn FnMut(ImportProgress)) -> Self {
        Progress { sink: Some(sink), stage: ImportStage::Validating, total: 0, step: 1, next: 0, last: None }
    }

    /// Reports to nobody (the CLI, tests that do not care).
    pub fn none() -> Progress<'static> {
        Progress { sink: None, stage: ImportStage::Validating, total: 0, step: 1, next: 0, last: None }
    }

    /// Starts `stage` over `total` rows and reports 0 of `total`.
    pub fn start(&mut self, stage: ImportStage, total: usize) {
        self.stage = stage;
        self.total = u32::try_from(total).unwrap_or(u32::MAX);
        self.step = (self.total / 100).max(1);
        self.next = 0;
        self.last = None;
        self.report(0);
    }

    /// `done` rows of the current stage are finished; reports when a step has been passed and
    /// always at the last row, once.
    pub fn advance(&mut self, done: usize) {
        let done = u32::try_from(done).unwrap_or(u32::MAX).min(self.total);
        if self.last == Some(done) {
            return;
        }
        if done >= self.next || done == self.total {
            self.report(done);
        }
    }

    fn report(&mut self, done: u32) {
        self.next = done.saturating_add(self.step);
        self.last = Some(done);
        if let Some(sink) = self.sink.as_mut() {
            sink(ImportProgress { stage: self.stage, done, total: self.total });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_are_thinned_to_about_one_per_percent_and_end_at_the_total() {
        let mut seen = Vec::new();
        let mut sink = |p: ImportProgress| seen.push(p);
        let mut progress = Progress::new(&mut sink);
        progress.start(ImportStage::Validating, 1000);
        for i in 1..=1000 {
            progress.advance(i);
        }
        progress.start(ImportStage::Writing, 3);
        for i in 1..=3 {
            progress.advance(i);
        }
        let validating: Vec<_> = seen.iter().filter(|p| p.stage == ImportStage::Validating).collect();
        assert_eq!(validating.len(), 101, "0, 10, 20, … 1000");
        assert!(validating.windows(2).all(|w| w[0].done < w[1].done));
        assert_eq!(validating.last().unwrap().done, 1000);
        let writing: Vec<u32> = seen.iter().filter(|p| p.stage == ImportStage::Writing).map(|p| p.done).collect();
        assert_eq!(writing, vec![0, 1, 2, 3]);
        assert!(seen.iter().all(|p| p.done <= p.total));
    }

    #[test]
    fn the_last_row_is_reported_even_off_the_step() {
        let mut seen = Vec::new();
        let mut sink = |p: ImportProgress| seen.push(p.done);
        let mut progress = Progress::new(&mut sink);
        progress.start(ImportStage::Writing, 250);
        for i in 1..=250 {
            progress.advance(i);
        }
        assert_eq!(seen.first(), Some(&0));
        assert_eq!(seen.last(), Some(&250));
        assert_eq!(seen.len(), 126, "every second row, then the last");
    }
}
