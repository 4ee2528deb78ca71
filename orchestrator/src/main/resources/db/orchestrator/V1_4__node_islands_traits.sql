-- Population search (strategy islands): the island a node joined, and what it is like (its evaluator metrics and
-- the built-in lines), by which MAP-Elites places it. Nodes of other strategies keep null and '{}'.
alter table node add column island integer;
alter table node add column traits text not null default '{}';
