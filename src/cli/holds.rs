//! `rondo holds`: offer a candidate several options held on their panels, record their
//! pick, release holds that expired or are withdrawn ([`rondo::usecases::holds`]).

use super::booking::{table, with_outbox};
use super::data::open;
use super::table::{emit, Output};
use chrono::Utc;
use clap::{Args, Subcommand};
use rondo::domain::{CandidateId, HoldOffer, OfferState};
use rondo::usecases::holds;

/// Arguments of `rondo holds`.
#[derive(Debug, Args)]
pub struct HoldsArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: HoldsCommand,
}

/// The subcommands of `rondo holds`.
#[derive(Debug, Subcommand)]
pub enum HoldsCommand {
    /// Hold options of the candidate's latest proposal on their panels and e-mail the
    /// candidate one message offering them (each its own invitation to accept).
    Offer {
        /// The candidate.
        #[arg(long)]
        candidate: CandidateId,
        /// An option of the proposal to offer (repeat, up to 5).
        #[arg(long = "option", required = true)]
        options: Vec<usize>,
        /// Days the holds last unless the candidate picks.
        #[arg(long, default_value_t = holds::DEFAULT_HOLD_DAYS)]
        days: u32,
    },
    /// The offers and where each stands (expired holds are released first).
    List {
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// Record the candidate's pick (when it came another way than a reply): that option
    /// is booked, the other holds released.
    Pick {
        /// The candidate.
        #[arg(long)]
        candidate: CandidateId,
        /// The option picked (1 = the first offered).
        #[arg(long)]
        option: usize,
    },
    /// Release every hold of the candidate's open offer.
    Withdraw {
        /// The candidate.
        #[arg(long)]
        candidate: CandidateId,
    },
    /// Release the holds whose time ran out without a pick.
    Expire,
}

fn offer_line(o: &HoldOffer) -> String {
    let state = match &o.state {
        OfferState::Open => format!("open until {}", o.expires_at.format("%Y-%m-%d %H:%M UTC")),
        OfferState::Picked { index, .. } => format!("picked option {}", index + 1),
        OfferState::Released { why, .. } => format!("released: {why}"),
    };
    format!("{}: {} option(s), {state}\n", o.candidate, o.options.len())
}

/// Runs `rondo holds`.
pub fn run(args: HoldsArgs, data_dir: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    let store = open(data_dir)?;
    let now = Utc::now();
    match args.command {
        HoldsCommand::Offer {
            candidate,
            options,
            days,
        } => {
            let o = with_outbox(&store, |out| {
                Ok(holds::offer(&store, &candidate, &options, days, out, now)?)
            })?;
            emit(&format!(
                "held {} option(s) for {candidate} until {}; the offer and the holds are \
                 queued (`rondo outbox send`)\n",
                o.options.len(),
                o.expires_at.format("%Y-%m-%d %H:%M UTC")
            ))
        }
        HoldsCommand::List { output } => {
            with_outbox(&store, |out| Ok(holds::release_expired(&store, out, now)?))?;
            let all = holds::offers(&store)?;
            output.print(&all, || all.iter().map(offer_line).collect())
        }
        HoldsCommand::Pick { candidate, option } => {
            let p = with_outbox(&store, |out| {
                Ok(holds::take_pick(
                    &store,
                    &candidate,
                    option.checked_sub(1).unwrap_or(usize::MAX),
                    out,
                    now,
                )?)
            })?;
            emit(&format!(
                "booked option {}:\n{}released {} hold(s)\n",
                p.option,
                table(&p.booked, chrono_tz::UTC),
                p.released.len()
            ))
        }
        HoldsCommand::Withdraw { candidate } => {
            let o = with_outbox(&store, |out| {
                Ok(holds::withdraw(&store, &candidate, out, now)?)
            })?;
            emit(&offer_line(&o))
        }
        HoldsCommand::Expire => {
            let done = with_outbox(&store, |out| Ok(holds::release_expired(&store, out, now)?))?;
            emit(&done.iter().map(offer_line).collect::<String>())
        }
    }
}
