//! The window's own commands without a window: the constants it repeats come from the
//! core and agree with the commands that page, date fields are read in the chosen style
//! with the field named in the error, and the plan editor's pickers write text the
//! plan's reader turns into the rounds they describe.

use crate::e2e::tempfile_dir::TempDir;
use chrono::NaiveDate;
use rondo::display::dates::DateStyle;
use rondo::domain::{AfterRule, Need, RoundId};
use rondo::usecases::window::PlanPiece;
use rondo::usecases::{people, pipeline};
use rondo_app::commands::{plans, window};
use rondo_app::error::ErrorCode;
use rondo_app::state::{AppState, DialogOverrides};

#[test]
fn the_window_pages_by_the_size_the_commands_page_by() {
    let facts = window::window_facts();
    assert_eq!(facts.page_size, pipeline::PAGE_SIZE, "pipeline pages");
    assert_eq!(facts.page_size, people::PAGE_SIZE, "people pages");
    assert_eq!(
        facts.system_date_style,
        DateStyle::from_env(|k| std::env::var(k).ok()),
        "the locale's style"
    );
}

#[test]
fn a_date_field_is_read_in_its_style_and_its_error_names_the_field() {
    let read = window::date_text(
        "4.3.2026".into(),
        DateStyle::DayMonthYearDots,
        "First day".into(),
    )
    .expect("a date");
    assert_eq!(
        read.date,
        NaiveDate::from_ymd_opt(2026, 3, 4).expect("a date")
    );
    assert_eq!(read.text, "04.03.2026");
    let json = serde_json::to_value(&read).expect("serialises");
    assert_eq!(
        json["date"], "2026-03-04",
        "commands get the date as YYYY-MM-DD"
    );
    let err = window::date_text(
        "31/04/2026".into(),
        DateStyle::DayMonthYear,
        "Last day".into(),
    )
    .expect_err("April has 30 days");
    assert_eq!(err.code, ErrorCode::BadInput);
    assert!(err.message.starts_with("Last day: "), "{}", err.message);
    let month = window::date_month(None, read.date.into(), DateStyle::MonthDayYear);
    assert_eq!(month.title, "March 2026");
}

#[test]
fn the_pickers_write_what_the_plan_reader_reads() {
    let dir = TempDir::new("window-commands");
    let state = AppState::open(
        dir.path().to_path_buf(),
        DialogOverrides::default(),
        "2026-03-02T08:00:00Z".parse().expect("instant"),
    );
    let pools = state
        .read(|s| Ok(rondo::usecases::window::pools(s)?))
        .expect("the example team's pools");
    assert!(pools.contains(&"backend".to_string()), "{pools:?}");
    assert!(pools.windows(2).all(|w| w[0] < w[1]), "sorted, each once");

    let mut form = plans::list(&state)
        .expect("the example plans")
        .into_iter()
        .find(|p| p.rounds.len() >= 2)
        .expect("a plan with two rounds");
    let first = form.rounds[0].id.clone();
    let need = Need::Pool {
        pool: "backend".into(),
        count: 2,
    };
    let after = AfterRule {
        round: RoundId::new(first).expect("an id"),
        min_gap_minutes: 15,
        max_gap_minutes: Some(26 * 60),
    };
    let phrase = |piece| window::plan_phrase(piece).expect("a phrase");
    form.rounds[1].needs = phrase(PlanPiece::Need(need.clone()));
    form.rounds[1].after = phrase(PlanPiece::After(after.clone()));
    assert_eq!(form.rounds[1].after, format!("{} 15m-1d2h", after.round));
    let plan = form.plan().expect("the picked text reads back");
    assert_eq!(plan.rounds[1].needs, [need]);
    assert_eq!(plan.rounds[1].after, [after]);

    let err = window::plan_phrase(PlanPiece::Need(Need::Pool {
        pool: "backend".into(),
        count: 0,
    }))
    .expect_err("nobody from a pool");
    assert_eq!(err.code, ErrorCode::BadInput);
    assert_eq!(err.message, "How many: choose 1 or more.");
}
