//! Built-in interview plans modelled on real hiring processes, to start from.
//!
//! - [`fintech_five_step`]: a European fintech's process: talent call, hiring-manager
//!   call, a take-home exercise reviewed together, team interviews, and a final with the
//!   head of department.
//! - [`five_round_loop`]: a common product-company loop: recruiter screen, technical,
//!   system design, HR and a business/product round.
//!
//! Pools used: `talent`, `hiring-manager`, `engineering`, `head-of-department`,
//! `recruiting`, `backend`, `system-design`, `hr`, `product` (the example team has them all).

use super::{AfterRule, Need, Plan, PlanId, RoundId, RoundSpec};

fn rid(text: &str) -> RoundId {
    // Template round ids are literals that follow the id rule; checked by a test below.
    RoundId::new(text).unwrap_or_else(|e| unreachable!("template round id: {e}"))
}

fn round(id: &str, name: &str, minutes: u32, needs: Vec<Need>, after: Vec<AfterRule>) -> RoundSpec {
    RoundSpec {
        id: rid(id),
        name: name.into(),
        duration_minutes: minutes,
        needs,
        after,
        trainee_seats: Vec::new(),
    }
}

fn pool(name: &str, count: u32) -> Need {
    Need::Pool {
        pool: name.into(),
        count,
    }
}

fn after(round: &str, min_gap_minutes: u32, max_gap_minutes: Option<u32>) -> AfterRule {
    AfterRule {
        round: rid(round),
        min_gap_minutes,
        max_gap_minutes,
    }
}

const DAY: u32 = 24 * 60;

/// The 5-step fintech process: 60-min talent call, 60-min hiring-manager call a day or
/// more later, a remote exercise review three days or more after that (time to do the
/// exercise), team interviews (two engineers), and a final with the head of department
/// within a week of the team interviews.
pub fn fintech_five_step(id: PlanId, job: &str) -> Plan {
    Plan {
        id,
        name: "Fintech 5-step".into(),
        job: job.into(),
        rounds: vec![
            round("talent", "Talent call", 60, vec![pool("talent", 1)], vec![]),
            round(
                "manager",
                "Hiring-manager call",
                60,
                vec![pool("hiring-manager", 1)],
                vec![after("talent", DAY, None)],
            ),
            round(
                "exercise",
                "Remote exercise review",
                60,
                vec![pool("engineering", 2)],
                vec![after("manager", 3 * DAY, None)],
            ),
            round(
                "team",
                "Team interviews",
                90,
                vec![pool("engineering", 2)],
                vec![after("exercise", DAY, None)],
            ),
            round(
                "final",
                "Final with the head of department",
                45,
                vec![pool("head-of-department", 1)],
                vec![after("team", 0, Some(7 * DAY))],
            ),
        ],
        same_day: vec![],
    }
}

/// The 5-round loop: 30-min recruiter screen, then a day or more later a 60-min technical
/// interview (two backend engineers) and a 60-min system design on the same day, then a
/// 45-min HR round and a 45-min business/product round.
pub fn five_round_loop(id: PlanId, job: &str) -> Plan {
    Plan {
        id,
        name: "5-round loop".into(),
        job: job.into(),
        rounds: vec![
            round(
                "screen",
                "Recruiter screen",
                30,
                vec![pool("recruiting", 1)],
                vec![],
            ),
            round(
                "technical",
                "Technical interview",
                60,
                vec![pool("backend", 2)],
                vec![after("screen", DAY, None)],
            ),
            round(
                "design",
                "System design",
                60,
                vec![pool("system-design", 1)],
                vec![after("technical", 15, Some(4 * 60))],
            ),
            round(
                "hr",
                "HR interview",
                45,
                vec![pool("hr", 1)],
                vec![after("design", 0, None)],
            ),
            round(
                "product",
                "Business and product",
                45,
                vec![pool("product", 1)],
                vec![after("design", 0, None)],
            ),
        ],
        same_day: vec![vec![rid("technical"), rid("design")]],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_valid_five_round_plans() {
        let plans = [
            fintech_five_step(PlanId::new("fintech").expect("valid"), "Backend engineer"),
            five_round_loop(PlanId::new("loop").expect("valid"), "Backend engineer"),
        ];
        for p in plans {
            assert_eq!(p.validate(), Ok(()), "template {} validates", p.name);
            assert_eq!(p.rounds.len(), 5, "template {} has five rounds", p.name);
        }
    }
}
