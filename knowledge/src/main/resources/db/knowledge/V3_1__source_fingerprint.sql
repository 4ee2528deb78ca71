-- What a local source looked like when it was ingested (its files' paths, sizes and modification times, hashed), so
-- that a campaign start re-ingests a folder that changed and skips one that did not.
alter table knowledge_source add column fingerprint text;
