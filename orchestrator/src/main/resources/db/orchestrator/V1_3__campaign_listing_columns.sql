-- What lists and reports read of a campaign's spec, kept as columns so that a list row never parses the spec again.
-- Set from the spec when a campaign is created, and again when a rerun changes its budget.
alter table campaign add column strategy_kind text;
alter table campaign add column proposer_kind text;
alter table campaign add column direction text;
alter table campaign add column budget_experiments integer;

update campaign set
    strategy_kind = coalesce(trim(spec::jsonb #>> '{strategy,kind}'), 'greedy'),
    proposer_kind = coalesce(trim(spec::jsonb #>> '{proposer,kind}'), 'offline'),
    direction = case lower(trim(coalesce(spec::jsonb #>> '{evaluator,direction}', 'maximize')))
                    when 'minimize' then 'MINIMIZE' when 'min' then 'MINIMIZE' else 'MAXIMIZE' end,
    budget_experiments = trim(spec::jsonb #>> '{budget,experiments}')::integer;

alter table campaign alter column strategy_kind set not null;
alter table campaign alter column proposer_kind set not null;
alter table campaign alter column direction set not null;
alter table campaign alter column budget_experiments set not null;

create index campaign_created on campaign (created_at desc, id desc);
