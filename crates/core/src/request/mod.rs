//! 依申请公开的办理流程: a request's events, the status derived from them, which actions are
//! allowed now, and the checks an appended event must pass (条例 Art. 30–37, 42, 45).
//!
//! A request changes only by appending an event; nothing here stores a status or a deadline.
//! `apply` is the one gate every writer (window, IPC, command line) goes through, so a clerk
//! cannot reply to a request that is waiting for its correction, whatever the front end.

mod events;
mod workflow;
mod review;
mod number;

pub use events::{ActionKind, Channel, CorrectionGround, EventDetail, ReplyType, RequestEvent};
pub use workflow::{ReplyStage, RequestStatus, Summary, allowed_actions, apply, clock_events, extension_total, pending_extension, reply_stage, status, summarize};
pub use review::{ReviewKind, ReviewOutcome};
pub use number::{DEFAULT_NUMBER_PATTERN, NumberPattern};
