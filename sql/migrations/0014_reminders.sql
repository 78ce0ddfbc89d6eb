-- Appointment reminders (issue 23). A mail before each booked appointment: the first
-- reminder_hours before it (default 24), a second one reminder_second_hours before it when
-- reminder_second_enabled is 1 (off by default). reminder_hours 0 turns reminders off for
-- the whole practice.
--
-- One row per reminder claimed: the unique key (appointment, kind, start) is what makes a
-- reminder go out once even when several app processes or hosts run the worker at the same
-- moment (the second INSERT IGNORE finds the first one's row). Keyed on the start, so an
-- appointment moved to a new time is due again at its new time; a cancelled one never is
-- (the worker only reads booked ones).
CREATE TABLE appointment_reminders (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  appointment_id BIGINT UNSIGNED NOT NULL,
  kind           ENUM('first','second') NOT NULL,
  starts_at      DATETIME        NOT NULL,  -- UTC, the appointment's start this reminder was for
  sent_at        DATETIME        NOT NULL,  -- UTC, the worker's clock when it claimed it
  UNIQUE KEY uq_reminders_once (appointment_id, kind, starts_at),
  CONSTRAINT fk_reminders_appointment FOREIGN KEY (appointment_id) REFERENCES appointments (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- A patient who turned reminders off on their account page. No row: reminders are on.
CREATE TABLE reminder_opt_outs (
  patient_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  created_at DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  CONSTRAINT fk_reminder_opt_outs_patient FOREIGN KEY (patient_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- The worker's query: booked appointments starting in the next few hours.
CREATE INDEX ix_appointments_status_start ON appointments (status, starts_at);

INSERT IGNORE INTO practice_settings (setting_key, setting_value) VALUES
  ('reminder_hours',          '24'),
  ('reminder_second_enabled', '0'),
  ('reminder_second_hours',   '2');
