-- Recall of lessons (DESIGN.md, "Lessons"): full-text search, embeddings, parameter limits, global scope and
-- whether the children that used a lesson improved.
alter table lesson
    add column embedding   real[],                 -- sentence embedding of trigger, lesson and fix (in-process ONNX model)
    add column limit_file  text,                   -- a failure's parameter bound: keep limit_name in limit_file
    add column limit_name  text,
    add column limit_below boolean,                --   below (true) or above (false)
    add column limit_value double precision,       --   this value
    add column search      tsvector generated always as (
        to_tsvector('english', trigger || ' ' || lesson || ' ' || suggested_fix)) stored;

create index lesson_search on lesson using gin (search);

-- A global lesson (campaign null) is unique too.
alter table lesson drop constraint lesson_campaign_kind_trigger_key;
alter table lesson add constraint lesson_scope_kind_trigger unique nulls not distinct (campaign, kind, trigger);

-- Which lessons a node's proposal was given, and whether that node improved on its parent (null until evaluated).
create table lesson_use (
    lesson_id  bigint      not null references lesson (id) on delete cascade,
    campaign   text        not null,
    node       bigint      not null,
    helpful    boolean,
    created_at timestamptz not null default now(),
    primary key (lesson_id, campaign, node)
);
create index lesson_use_node on lesson_use (campaign, node);
