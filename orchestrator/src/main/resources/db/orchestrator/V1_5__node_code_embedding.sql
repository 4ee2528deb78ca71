-- Novelty (proposer.novelty, strategy islands' novelty feature): the sentence embedding of the code a node's lineage
-- changed (the files that differ from the root's), computed in-process when the node is committed. Null when unused.
alter table node add column code_embedding real[];
