//! `dyad eval` (being wired).
#[derive(clap::Args)]
pub struct EvalArgs {
    pub file: String,
}
pub fn run(_a: EvalArgs) -> anyhow::Result<std::process::ExitCode> {
    anyhow::bail!("not yet")
}
