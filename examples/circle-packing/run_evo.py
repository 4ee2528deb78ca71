"""ShinkaEvolve's launch script format (written for Clade's example; `clade import shinka` reads its keyword
arguments). With ShinkaEvolve installed, `python run_evo.py` would run this problem there."""
from shinka.core import EvolutionConfig, EvolutionRunner
from shinka.database import DatabaseConfig
from shinka.launch import LocalJobConfig

job_config = LocalJobConfig(eval_program_path="evaluate.py")
db_config = DatabaseConfig(num_islands=2, archive_size=40, num_archive_inspirations=4)
evo_config = EvolutionConfig(
    task_sys_msg="Place 26 circles in the unit square so that the sum of their radii is as large as possible. The radii are computed from the centres.",
    num_generations=40,
    max_parallel_jobs=2,
    llm_models=["gpt-4.1-mini", "gpt-4.1"],
    init_program_path="initial.py",
    language="python",
)

if __name__ == "__main__":
    EvolutionRunner(evo_config=evo_config, job_config=job_config, db_config=db_config).run()
