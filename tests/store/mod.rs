//! Tests of the store (sled underneath): opening, locking, records, migrations, damage,
//! crashes, and the use cases on top.

mod backup;
mod cli;
mod crash;
mod damage;
mod migration;
mod mount;
mod open;
mod usecases;
