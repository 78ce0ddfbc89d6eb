-- Erasure versus the medical record (issue 22, item 11). GDPR Art. 17(3) does not give a
-- right to erase what the practice must keep under a legal obligation (17(3)(b)), for
-- medical care (17(3)(c)) or for legal claims (17(3)(e)). When a patient erases their
-- account, their completed visits and the doctors' notes on them are copied here, without
-- anything that names the patient, and the account goes as before (ON DELETE CASCADE).
--
-- A kept record has a data key of its own, wrapped under the practice's master key (the
-- patient's key is destroyed with the account): deleting the row shreds every *_ct value of
-- its visits. The retention job deletes a record once practice setting
-- medical_record_retention_years (default 10) have passed since its last visit.
CREATE TABLE kept_records (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  erased_at     DATETIME(6)     NOT NULL,
  last_visit_at DATETIME        NOT NULL,  -- UTC, the latest kept visit's start
  key_version   INT UNSIGNED    NOT NULL,
  wrapped_key   VARBINARY(200)  NOT NULL,
  KEY ix_kept_records_last_visit (last_visit_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One completed visit of a kept record. The doctor is copied (public staff data), not
-- referenced: the record outlives a doctor's account.
CREATE TABLE kept_visits (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  record_id        BIGINT UNSIGNED NOT NULL,
  doctor_id        BIGINT UNSIGNED NOT NULL,
  doctor_name      VARCHAR(120)    NOT NULL,
  specialty        VARCHAR(120)    NOT NULL,
  starts_at        DATETIME        NOT NULL,
  ends_at          DATETIME        NOT NULL,
  note_ct          MEDIUMBLOB      NULL,      -- under the record's key, bound to this row
  note_updated_at  DATETIME(6)     NULL,
  KEY ix_kept_visits_record (record_id, starts_at),
  KEY ix_kept_visits_doctor (doctor_id),
  CONSTRAINT fk_kept_visits_record FOREIGN KEY (record_id) REFERENCES kept_records (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT IGNORE INTO practice_settings (setting_key, setting_value) VALUES ('medical_record_retention_years', '10');

-- The access log says what was done in words a patient reads (issue 22, item 9): a note
-- written or edited was recorded as 'write'; it is a change.
UPDATE access_log SET action = 'update' WHERE action = 'write';
