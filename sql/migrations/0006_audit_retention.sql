-- Audit retention (issue 5): rows past their retention are deleted from the start of the
-- chain, and the head remembers where the kept part begins: base_id is the last deleted
-- row's id and base_hash its hash (the prev_hash of the first kept row), so the chain still
-- verifies from there and a row removed by hand anywhere else is still detected.
ALTER TABLE audit_head
  ADD COLUMN base_id   BIGINT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN base_hash CHAR(64)        NOT NULL DEFAULT '0000000000000000000000000000000000000000000000000000000000000000';
