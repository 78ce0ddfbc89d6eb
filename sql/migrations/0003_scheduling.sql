-- The practice and its appointments (issue 4): specialties, doctors' public profiles,
-- weekly hours, time off, appointments, caregiver links, the patients' access log, visit
-- notes and the FAQ the assistant answers from.
--
-- Times are UTC (DATETIME); the practice time zone (practice_settings 'timezone') turns
-- them into local wall-clock times. Medical text (reasons, notes) is AES-256-GCM under the
-- patient's data key, AAD "<table>.<column>#<id>", so erasing the patient's key shreds it.

CREATE TABLE specialties (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  slug        VARCHAR(64)  NOT NULL,
  name        VARCHAR(120) NOT NULL,
  description VARCHAR(500) NOT NULL DEFAULT '',
  UNIQUE KEY uq_specialties_slug (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A doctor's public profile: everything here may be shown to anyone signed in.
CREATE TABLE doctors (
  user_id      BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  display_name VARCHAR(120)    NOT NULL,
  specialty_id INT UNSIGNED    NOT NULL,
  languages    VARCHAR(200)    NOT NULL DEFAULT '',
  bio          VARCHAR(1000)   NOT NULL DEFAULT '',
  -- 0 hides the doctor from booking (left the practice) without losing the history
  bookable     TINYINT(1)      NOT NULL DEFAULT 1,
  updated_at   DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  KEY ix_doctors_specialty (specialty_id),
  CONSTRAINT fk_doctors_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_doctors_specialty FOREIGN KEY (specialty_id) REFERENCES specialties (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Weekly hours in the practice's wall-clock time; weekday 1 = Monday … 7 = Sunday (ISO).
CREATE TABLE doctor_hours (
  id           BIGINT UNSIGNED  NOT NULL AUTO_INCREMENT PRIMARY KEY,
  doctor_id    BIGINT UNSIGNED  NOT NULL,
  weekday      TINYINT UNSIGNED NOT NULL,
  start_time   TIME             NOT NULL,
  end_time     TIME             NOT NULL,
  slot_minutes SMALLINT UNSIGNED NOT NULL,
  KEY ix_hours_doctor (doctor_id, weekday),
  CONSTRAINT ck_hours_weekday CHECK (weekday BETWEEN 1 AND 7),
  CONSTRAINT ck_hours_order CHECK (end_time > start_time),
  CONSTRAINT ck_hours_slot CHECK (slot_minutes BETWEEN 5 AND 240),
  CONSTRAINT fk_hours_doctor FOREIGN KEY (doctor_id) REFERENCES doctors (user_id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE time_off (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  doctor_id  BIGINT UNSIGNED NOT NULL,
  starts_at  DATETIME        NOT NULL,
  ends_at    DATETIME        NOT NULL,
  -- shown to the doctor and admins only ("Conference"); never to patients
  label      VARCHAR(120)    NOT NULL DEFAULT '',
  created_at DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  KEY ix_time_off_doctor (doctor_id, starts_at),
  CONSTRAINT ck_time_off_order CHECK (ends_at > starts_at),
  CONSTRAINT fk_time_off_doctor FOREIGN KEY (doctor_id) REFERENCES doctors (user_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE appointments (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  patient_id     BIGINT UNSIGNED NOT NULL,
  doctor_id      BIGINT UNSIGNED NOT NULL,
  starts_at      DATETIME        NOT NULL,
  ends_at        DATETIME        NOT NULL,
  status         ENUM('booked','cancelled','completed','no_show') NOT NULL DEFAULT 'booked',
  reason_ct      VARBINARY(2100) NULL,  -- 500 characters of UTF-8 + nonce and tag
  booked_by      BIGINT UNSIGNED NOT NULL,
  booked_by_role ENUM('patient','caregiver') NOT NULL,
  created_at     DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at     DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  cancelled_at   DATETIME(6)     NULL,
  -- The slot an appointment occupies: its start while it is not cancelled, NULL once it
  -- is. A UNIQUE key ignores NULLs, so cancelled rows free the slot and the database
  -- itself refuses a second active booking for one doctor and start time.
  occupied_start DATETIME AS (IF(status = 'cancelled', NULL, starts_at)) PERSISTENT,
  UNIQUE KEY uq_appointments_slot (doctor_id, occupied_start),
  KEY ix_appointments_patient (patient_id, starts_at),
  KEY ix_appointments_doctor (doctor_id, starts_at),
  CONSTRAINT ck_appointments_order CHECK (ends_at > starts_at),
  CONSTRAINT fk_appointments_patient FOREIGN KEY (patient_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_appointments_doctor FOREIGN KEY (doctor_id) REFERENCES doctors (user_id)
) ENGINE=InnoDB;

-- A patient invites a caregiver by email (found through the same blind index as
-- users.email_bidx); the caregiver accepts once signed in. Revoking keeps the row, so the
-- access log can still say who acted.
CREATE TABLE caregiver_links (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  patient_id      BIGINT UNSIGNED NOT NULL,
  invite_bidx     BINARY(32)      NOT NULL,
  -- the invited address, under the patient's data key, so the patient can see whom they invited
  invite_email_ct VARBINARY(600)  NOT NULL,
  caregiver_id    BIGINT UNSIGNED NULL,
  can_read_notes  TINYINT(1)      NOT NULL DEFAULT 0,
  status          ENUM('invited','active','revoked','declined') NOT NULL DEFAULT 'invited',
  created_at      DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  accepted_at     DATETIME(6)     NULL,
  ended_at        DATETIME(6)     NULL,
  KEY ix_links_patient (patient_id, status),
  KEY ix_links_caregiver (caregiver_id, status),
  KEY ix_links_invite (invite_bidx, status),
  CONSTRAINT fk_links_patient FOREIGN KEY (patient_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_links_caregiver FOREIGN KEY (caregiver_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Who read or changed a patient's data: shown to that patient at /account/access-log.
-- Holds ids and kinds only, never the data itself.
CREATE TABLE access_log (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  patient_id  BIGINT UNSIGNED NOT NULL,
  actor_id    BIGINT UNSIGNED NULL,
  actor_role  ENUM('patient','caregiver','doctor','admin','system') NOT NULL,
  action      VARCHAR(32)     NOT NULL,
  data_kind   VARCHAR(32)     NOT NULL,
  at          DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  KEY ix_access_patient (patient_id, at),
  CONSTRAINT fk_access_patient FOREIGN KEY (patient_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE visit_notes (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  appointment_id BIGINT UNSIGNED NOT NULL,
  patient_id     BIGINT UNSIGNED NOT NULL,
  doctor_id      BIGINT UNSIGNED NOT NULL,
  note_ct        MEDIUMBLOB      NOT NULL,  -- 10,000 characters of UTF-8 + nonce and tag
  created_at     DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at     DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  UNIQUE KEY uq_notes_appointment (appointment_id),
  KEY ix_notes_patient (patient_id),
  CONSTRAINT fk_notes_appointment FOREIGN KEY (appointment_id) REFERENCES appointments (id) ON DELETE CASCADE,
  CONSTRAINT fk_notes_patient FOREIGN KEY (patient_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- The assistant's knowledge base, edited by admins at /admin/faq. Public practice
-- information only.
CREATE TABLE faq_entries (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  question   VARCHAR(300)    NOT NULL,
  answer     TEXT            NOT NULL,
  tags       VARCHAR(300)    NOT NULL DEFAULT '',
  updated_at DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  UNIQUE KEY uq_faq_question (question)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The booking rules, as practice settings an admin can change at /admin/settings.
INSERT IGNORE INTO practice_settings (setting_key, setting_value) VALUES
  ('timezone',              'Europe/Rome'),
  ('booking_horizon_days',  '60'),
  ('min_notice_hours',      '2'),
  ('cancel_cutoff_hours',   '24'),
  ('max_future_bookings',   '3');
