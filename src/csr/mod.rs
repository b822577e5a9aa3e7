//! Certificate signing requests: facts, proof of possession, intake rules, and generation.

pub(crate) mod checks;
pub(crate) mod facts;
pub(crate) mod generate;
pub(crate) mod intake;
