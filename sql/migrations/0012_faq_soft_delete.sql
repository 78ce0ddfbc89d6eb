-- A deleted FAQ entry can be restored (issue 22): deleting marks the entry, the assistant and
-- the admin list stop using it at once, and "Recently deleted" on /admin/faq offers it back
-- for 30 days; the admin page removes it for good after that (its versions in other
-- languages with it, by the foreign key). The question stays taken while the entry waits,
-- so restoring never clashes.
ALTER TABLE faq_entries ADD COLUMN deleted_at DATETIME(6) NULL DEFAULT NULL;
